import { feedResponse } from '@/lib/crawlers/feed-routes';

export const revalidate = 3600;
export const dynamicParams = true;
export function generateStaticParams(): { slug: string }[] {
  return [];
}

export async function GET(_request: Request, { params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  return feedResponse('rss', slug, `/category/${slug}/feed.xml`);
}
