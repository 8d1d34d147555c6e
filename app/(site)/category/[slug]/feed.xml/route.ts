import { feedResponse } from '@/lib/crawlers/feed-routes';
import { routes } from '@/lib/routes/registry';

export const revalidate = 3600;
export const dynamicParams = true;
export function generateStaticParams(): { slug: string }[] {
  return [];
}

export async function GET(_request: Request, { params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  return feedResponse('rss', slug, routes.categoryFeed.href(slug));
}
