import { SitePage } from '@/components/site/SitePage';
import { routes } from '@/lib/routes/registry';
import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { ArticleBody } from '@/components/article/ArticleBody';
import { Breadcrumbs } from '@/components/site/Breadcrumbs';
import { JsonLd } from '@/components/site/JsonLd';
import { getPublishedArticle } from '@/lib/articles/public-reads';
import { articleSlugParam } from '@/lib/routes/public-routes';
import { articleMetadata, breadcrumbJsonLd, newsArticleJsonLd } from '@/lib/crawlers/seo';

// Rendered on first request, then served from the cache until a write expires its tags.
// No slugs are prerendered at build time; proxy.ts answers unknown ones with a real 404.
export const revalidate = 3600;
export const dynamicParams = true;
export function generateStaticParams(): { slug: string }[] {
  return [];
}

type Props = { params: Promise<{ slug: string }> };

async function articleFor(params: Props['params']) {
  const slug = articleSlugParam((await params).slug);
  return slug ? getPublishedArticle(slug) : null;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const article = await articleFor(params);
  return article ? articleMetadata(article) : { title: 'ページが見つかりません' };
}

export default async function ArticlePage({ params }: Props) {
  const article = await articleFor(params);
  if (!article) notFound(); // a race with unpublishing; the proxy answers the usual 404s
  const crumbs = [
    { name: 'ホーム', path: '/' },
    { name: article.category.name, path: routes.category.href(article.category.slug) },
    { name: article.title, path: routes.article.href(article.slug) },
  ];
  return (
    <SitePage current={{ section: article.category.slug, exact: false }}>
      <>
        <JsonLd data={newsArticleJsonLd(article)} />
        <JsonLd data={breadcrumbJsonLd(crumbs)} />
        <div className="measure mx-auto px-4 pt-4 text-[1.0625rem]">
          <Breadcrumbs
            items={crumbs.map((crumb, index) => ({
              name: crumb.name,
              href: index < crumbs.length - 1 ? crumb.path : undefined,
            }))}
          />
        </div>
        <ArticleBody article={article} />
      </>
    </SitePage>
  );
}
