import { imageResponse } from '@/lib/crawlers/generated-images';
import { SiteMark } from '@/lib/crawlers/site-mark';

/** The icon a phone keeps on its home screen (180 × 180; iOS rounds the corners itself). */
export const dynamic = 'force-static';

export async function GET() {
  return imageResponse(<SiteMark side={180} rounded={false} />, { width: 180, height: 180 });
}
