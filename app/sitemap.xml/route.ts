import { sitemapResponse } from '@/lib/sitemap-routes';

export const revalidate = 3600;

export function GET() {
  return sitemapResponse();
}
