import { SitePage } from '@/components/site/SitePage';
// Readers never see this folder's path: they ask for /category/<slug>?page=<n>, and proxy.ts rewrites it here, so
// each page of a listing is cached on its own. Both paths come from lib/routes/registry.ts.
import { routes } from '@/lib/routes/registry';
import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { ArticleListing } from '@/components/site/ArticleListing';
import { getCategoryPage } from '@/lib/articles/public-reads';
import { listingMetadata } from '@/lib/crawlers/seo';

// Readers reach this as /category/<slug>?page=<n>; proxy.ts rewrites it here and 404s the rest.
export const revalidate = 3600;
export const dynamicParams = true;
export function generateStaticParams(): { slug: string; page: string }[] {
  return [];
}

type Props = { params: Promise<{ slug: string; page: string }> };

async function load(params: Props['params']) {
  const { slug, page } = await params;
  return getCategoryPage(slug, Number(page));
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const data = await load(params);
  if (!data) return { title: 'ページが見つかりません' };
  return listingMetadata({
    title: `${data.category.name}のニュース`,
    path: routes.category.href(data.category.slug),
    page: data.page,
    summary: `Kiji の「${data.category.name}」の記事一覧。AIが公的資料と報道から組み立て、出典を示したニュースです。`,
    feeds: [{ url: routes.categoryFeed.href(data.category.slug), title: `${data.category.name}のニュース RSS` }],
  });
}

export default async function CategoryPage({ params }: Props) {
  const data = await load(params);
  if (!data) notFound();
  return (
    <SitePage current={{ section: data.category.slug, exact: data.page === 1 }}>
      <ArticleListing
        heading={data.category.name}
        intro={
          <p className="mt-2 text-sm">
            <a href={`${routes.category.href(data.category.slug)}/feed.xml`}>このカテゴリの RSS</a>
          </p>
        }
        base={routes.category.href(data.category.slug)}
        {...data}
      />
    </SitePage>
  );
}
