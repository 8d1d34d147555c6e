import { getPublishedArticle } from '@/lib/articles/public-reads';
import { getLiveUpdatesForMachines, LIVE_JSON_LD_UPDATES } from '@/lib/articles/live-reads';
import { liveAtomFeed } from '@/lib/crawlers/feeds';
import { xmlResponse } from '@/lib/crawlers/xml';
import { config, siteUrl } from '@/lib/platform/config';
import { articleSlugParam } from '@/lib/routes/public-routes';

// A live page's updates as Atom (docs/decisions/0040); a post expires it with the page (its tag).
export const revalidate = 3600;
export const dynamicParams = true;
export function generateStaticParams(): { slug: string }[] {
  return [];
}

export async function GET(_request: Request, { params }: { params: Promise<{ slug: string }> }) {
  const slug = articleSlugParam((await params).slug);
  const article = slug ? await getPublishedArticle(slug) : null;
  if (!slug || !article || article.kind !== 'live') return new Response('Not found', { status: 404 });
  const updates = await getLiveUpdatesForMachines(slug, LIVE_JSON_LD_UPDATES);
  const feed = liveAtomFeed(
    { title: article.title, slug, lead: article.lead, siteUrl: siteUrl(), updatedAt: article.updatedAt },
    updates,
    config().SITE_NAME,
  );
  return xmlResponse(feed, 'application/atom+xml');
}
