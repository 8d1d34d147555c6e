import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { LiveUpdate } from '@/components/live/LiveCoverage';
import { LiveSubpage } from '@/components/live/LiveSubpage';
import { getLiveUpdate } from '@/lib/articles/live-reads';
import { getPublishedArticle } from '@/lib/articles/public-reads';
import { listingMetadata } from '@/lib/crawlers/seo';
import { liveUpdateHeadline } from '@/lib/crawlers/live-seo';
import { articleSlugParam } from '@/lib/routes/public-routes';
import { routes } from '@/lib/routes/registry';

// One update of a live page, at an address that stays (lib/routes/registry.ts, liveUpdate).
export const revalidate = 3600;
export const dynamicParams = true;
export function generateStaticParams(): { slug: string; id: string }[] {
  return [];
}

type Props = { params: Promise<{ slug: string; id: string }> };

async function load(params: Props['params']) {
  const raw = await params;
  const slug = articleSlugParam(raw.slug);
  const parsed = routes.liveUpdate.params.safeParse({ slug: raw.slug, id: raw.id });
  if (!slug || !parsed.success) return null;
  const [article, update] = await Promise.all([getPublishedArticle(slug), getLiveUpdate(slug, parsed.data.id)]);
  return article && update ? { article, update } : null;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const data = await load(params);
  if (!data) return { title: 'ページが見つかりません' };
  return listingMetadata({
    title: `${liveUpdateHeadline(data.update)}｜${data.article.title}`,
    path: routes.liveUpdate.href(data.article.slug, data.update.id),
    page: 1,
    summary: data.update.paragraphs.join('').slice(0, 120),
  });
}

export default async function LiveUpdatePage({ params }: Props) {
  const data = await load(params);
  if (!data) notFound();
  return (
    <LiveSubpage article={data.article} heading="ライブの更新">
      <div className="mt-4">
        <LiveUpdate slug={data.article.slug} update={data.update} reference={new Date(data.update.postedAt)} />
      </div>
    </LiveSubpage>
  );
}
