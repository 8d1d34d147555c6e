import { sitemapPartResponse } from '@/lib/crawlers/sitemap-routes';

export const revalidate = 3600;
export const dynamicParams = true;
export function generateStaticParams(): { file: string }[] {
  return [];
}

export async function GET(_request: Request, { params }: { params: Promise<{ file: string }> }) {
  return sitemapPartResponse((await params).file);
}
