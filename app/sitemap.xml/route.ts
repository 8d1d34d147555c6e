import { sitemapResponse } from '@/lib/crawlers/sitemap-routes';

export const revalidate = 3600;

export function GET() {
  return sitemapResponse();
}
