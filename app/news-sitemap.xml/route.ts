import { newsSitemapResponse } from '@/lib/sitemap-routes';

export const revalidate = 600;

export function GET() {
  return newsSitemapResponse();
}
