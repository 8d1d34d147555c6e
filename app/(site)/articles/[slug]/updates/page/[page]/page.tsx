import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { LiveCoverage } from '@/components/live/LiveCoverage';
import { LiveSubpage } from '@/components/live/LiveSubpage';
import { getLiveCoverage } from '@/lib/articles/live-reads';
import { getPublishedArticle } from '@/lib/articles/public-reads';
import { listingMetadata } from '@/lib/crawlers/seo';
import { articleSlugParam } from '@/lib/routes/public-routes';
import { routes } from '@/lib/routes/registry';

// Readers reach this as /articles/<slug>/updates?page=<n>; proxy.ts rewrites it here and 404s the rest
// (lib/routes/registry.ts, liveUpdates). Expired with the live page by its article's tag.
export const revalidate = 3600;
export const dynamicParams = true;
export function generateStaticParams(): { slug: string; page: string }[] {
  return [];
}

type Props = { params: Promise<{ slug: string; page: string }> };

async function load(params: Props['params']) {
  const { slug: raw, page } = await params;
  const slug = articleSlugParam(raw);
  if (!slug) return null;
  const [article, coverage] = await Promise.all([
    getPublishedArticle(slug),
    getLiveCoverage(slug, Number(page), false),
  ]);
  return article && coverage ? { article, coverage } : null;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const data = await load(params);
  if (!data) return { title: 'ページが見つかりません' };
  return listingMetadata({
    title: `${data.article.title}：ライブの更新`,
    path: routes.liveUpdates.href(data.article.slug),
    page: data.coverage.page,
    summary: data.article.lead.slice(0, 120),
    feeds: [{ url: routes.liveFeed.href(data.article.slug), title: `${data.article.title}（ライブ）Atom` }],
  });
}

export default async function LiveUpdatesPage({ params }: Props) {
  const data = await load(params);
  if (!data) notFound();
  return (
    <LiveSubpage article={data.article} heading={`ライブの更新（${data.coverage.page}ページ目）`}>
      <LiveCoverage slug={data.article.slug} version={data.article.version} coverage={data.coverage} island={false} />
    </LiveSubpage>
  );
}
