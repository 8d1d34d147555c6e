import { IMAGE_FONT_FAMILY, imageResponse } from '@/lib/crawlers/generated-images';

// The publisher logo that structured data points at (600×60, as news publishers' logos are).
export const dynamic = 'force-static';

export async function GET() {
  return imageResponse(
    <div
      style={{
        width: '100%',
        height: '100%',
        display: 'flex',
        alignItems: 'center',
        gap: 16,
        background: '#ffffff',
        color: '#1a1a1a',
        fontFamily: IMAGE_FONT_FAMILY,
        fontSize: 40,
        paddingLeft: 8,
      }}
    >
      <span>Kiji</span>
      <span style={{ fontSize: 30, color: '#555555' }}>記事</span>
    </div>,
    { width: 600, height: 60 },
  );
}
