import { newsSitemapResponse } from '@/lib/crawlers/sitemap-routes';

export const revalidate = 600;

export function GET() {
  return newsSitemapResponse();
}
