import { imageResponse } from '@/lib/crawlers/generated-images';
import { SiteMark, SQUARE_LOGO_SIZE } from '@/lib/crawlers/site-mark';

/** The publisher's logo in structured data: square, and larger than the 112 × 112 Google asks for. */
export const dynamic = 'force-static';

export async function GET() {
  return imageResponse(<SiteMark side={SQUARE_LOGO_SIZE} rounded={false} />, {
    width: SQUARE_LOGO_SIZE,
    height: SQUARE_LOGO_SIZE,
  });
}
