import { imageResponse } from '@/lib/crawlers/generated-images';
import { icoFromPngs } from '@/lib/crawlers/ico';
import { SiteMark } from '@/lib/crawlers/site-mark';

/**
 * /favicon.ico, which browsers and crawlers ask for whatever the page's <link rel="icon"> says
 * (app/icon.svg): a real ICO file holding the mark at 16, 32 and 48 pixels, drawn at build.
 */
export const dynamic = 'force-static';

const SIDES = [16, 32, 48];

export async function GET() {
  const images = await Promise.all(
    SIDES.map(async (side) => {
      const response = await imageResponse(<SiteMark side={side} rounded={side >= 32} />, {
        width: side,
        height: side,
      });
      return { width: side, height: side, png: new Uint8Array(await response.arrayBuffer()) };
    }),
  );
  return new Response(Buffer.from(icoFromPngs(images)), {
    headers: {
      'Content-Type': 'image/x-icon',
      'Cache-Control': 'public, max-age=86400',
      // Drawn at build: the build's time names these bytes.
      'Last-Modified': new Date().toUTCString(),
    },
  });
}
