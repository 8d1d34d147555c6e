import { SitePage } from '@/components/site/SitePage';
import { routes } from '@/lib/routes/registry';
import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { ArticleBody } from '@/components/article/ArticleBody';
import { Breadcrumbs } from '@/components/site/Breadcrumbs';
import { JsonLd } from '@/components/site/JsonLd';
import { getArticlePage, getPublishedArticle } from '@/lib/articles/public-reads';
import { articleSlugParam } from '@/lib/routes/public-routes';
import { articleMetadata, breadcrumbJsonLd, newsArticleJsonLd } from '@/lib/crawlers/seo';
import { liveBlogJsonLd } from '@/lib/crawlers/live-seo';
import { getLiveCoverage, getLiveUpdatesForMachines, LIVE_JSON_LD_UPDATES } from '@/lib/articles/live-reads';
import { LiveCoverage } from '@/components/live/LiveCoverage';

// Rendered on first request, then served from the cache until a write to this article expires it.
// No slugs are prerendered at build time; proxy.ts answers unknown ones with a real 404.
// Rendered again (in the background, the cached page served meanwhile) at most 30 s after its
// render, so the related articles beside it are never more than a minute old, without every
// write elsewhere expiring every article page (SIDE_LIST_MAX_AGE_SECONDS, decision 0026).
// A literal: Next reads segment config statically.
export const revalidate = 30;
export const dynamicParams = true;
export function generateStaticParams(): { slug: string }[] {
  return [];
}

type Props = { params: Promise<{ slug: string }> };

async function slugOf(params: Props['params']) {
  return articleSlugParam((await params).slug);
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const slug = await slugOf(params);
  const article = slug ? await getPublishedArticle(slug) : null;
  return article ? articleMetadata(article) : { title: 'ページが見つかりません' };
}

export default async function ArticlePage({ params }: Props) {
  const slug = await slugOf(params);
  const article = slug ? await getArticlePage(slug) : null;
  if (!article) notFound(); // a race with unpublishing; the proxy answers the usual 404s
  const coverage = article.kind === 'live' ? await getLiveCoverage(article.slug, 1, false) : null;
  const updates = coverage ? await getLiveUpdatesForMachines(article.slug, LIVE_JSON_LD_UPDATES) : [];
  const crumbs = [
    { name: 'ホーム', path: '/' },
    { name: article.category.name, path: routes.category.href(article.category.slug) },
    { name: article.title, path: routes.article.href(article.slug) },
  ];
  return (
    <SitePage current={{ section: article.category.slug, exact: false }}>
      <>
        <JsonLd data={coverage ? liveBlogJsonLd(article, coverage, updates) : newsArticleJsonLd(article)} />
        <JsonLd data={breadcrumbJsonLd(crumbs)} />
        <div className="measure mx-auto px-4 pt-4 text-[1.0625rem]">
          <Breadcrumbs
            items={crumbs.map((crumb, index) => ({
              name: crumb.name,
              href: index < crumbs.length - 1 ? crumb.path : undefined,
            }))}
          />
        </div>
        <ArticleBody
          article={article}
          live={
            coverage ? (
              <LiveCoverage slug={article.slug} version={article.version} coverage={coverage} island />
            ) : undefined
          }
        />
      </>
    </SitePage>
  );
}
