import { SitePage } from '@/components/site/SitePage';
// Readers never see this folder's path: they ask for /archive/<year>/<month>?page=<n>, and proxy.ts rewrites it here, so
// each page of a listing is cached on its own. Both paths come from lib/routes/registry.ts.
import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { ArticleListing } from '@/components/site/ArticleListing';
import { getArchivePage } from '@/lib/articles/public-reads';
import { listingMetadata } from '@/lib/crawlers/seo';
import { routes } from '@/lib/routes/registry';

// Readers reach this as /archive/<yyyy>/<mm>?page=<n>; proxy.ts rewrites it here and 404s the rest.
export const revalidate = 3600;
export const dynamicParams = true;
export function generateStaticParams(): { year: string; month: string; page: string }[] {
  return [];
}

type Props = { params: Promise<{ year: string; month: string; page: string }> };

async function load(params: Props['params']) {
  const { year, month, page } = await params;
  const data = await getArchivePage(Number(year), Number(month), Number(page));
  return (
    data && {
      ...data,
      year: Number(year),
      month: Number(month),
      path: routes.archive.href(Number(year), Number(month)),
    }
  );
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const data = await load(params);
  if (!data) return { title: 'ページが見つかりません' };
  return listingMetadata({
    title: `${data.year}年${data.month}月の記事`,
    path: data.path,
    page: data.page,
    summary: `Kiji が${data.year}年${data.month}月に公開した記事の一覧です。`,
  });
}

export default async function ArchiveMonthPage({ params }: Props) {
  const data = await load(params);
  if (!data) notFound();
  return (
    <SitePage>
      <ArticleListing heading={`${data.year}年${data.month}月の記事`} base={data.path} {...data} />
    </SitePage>
  );
}
