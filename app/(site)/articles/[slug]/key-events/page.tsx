import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { LiveCoverage } from '@/components/live/LiveCoverage';
import { LiveSubpage } from '@/components/live/LiveSubpage';
import { getLiveCoverage } from '@/lib/articles/live-reads';
import { getPublishedArticle } from '@/lib/articles/public-reads';
import { listingMetadata } from '@/lib/crawlers/seo';
import { articleSlugParam } from '@/lib/routes/public-routes';
import { routes } from '@/lib/routes/registry';

// A live page's key events alone (lib/routes/registry.ts, liveKeyEvents); expired with the page.
export const revalidate = 3600;
export const dynamicParams = true;
export function generateStaticParams(): { slug: string }[] {
  return [];
}

type Props = { params: Promise<{ slug: string }> };

async function load(params: Props['params']) {
  const slug = articleSlugParam((await params).slug);
  if (!slug) return null;
  const [article, coverage] = await Promise.all([getPublishedArticle(slug), getLiveCoverage(slug, 1, true)]);
  return article && coverage ? { article, coverage } : null;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const data = await load(params);
  if (!data) return { title: 'ページが見つかりません' };
  return listingMetadata({
    title: `${data.article.title}：重要な出来事`,
    path: routes.liveKeyEvents.href(data.article.slug),
    page: 1,
    summary: data.article.lead.slice(0, 120),
  });
}

export default async function LiveKeyEventsPage({ params }: Props) {
  const data = await load(params);
  if (!data) notFound();
  return (
    <LiveSubpage article={data.article} heading="重要な出来事">
      <LiveCoverage slug={data.article.slug} version={data.article.version} coverage={data.coverage} island={false} />
    </LiveSubpage>
  );
}
