import { IMAGE_FONT_FAMILY, imageResponse } from '@/lib/crawlers/generated-images';

/**
 * /favicon.ico, which browsers and crawlers ask for whatever the page's <link rel="icon"> says
 * (app/icon.svg): the same mark as a 48×48 PNG, which every browser accepts under this name.
 */
export const dynamic = 'force-static';

export async function GET() {
  return imageResponse(
    <div
      style={{
        width: '100%',
        height: '100%',
        display: 'flex',
        alignItems: 'center',
        justifyContent: 'center',
        background: '#1f2937',
        color: '#ffffff',
        fontFamily: IMAGE_FONT_FAMILY,
        fontSize: 34,
        borderRadius: 8,
      }}
    >
      記
    </div>,
    { width: 48, height: 48 },
  );
}
