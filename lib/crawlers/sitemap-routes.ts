import { routes } from '../routes/registry';
import 'server-only';
import { listNewsSitemapArticles, listSitemapArticles, maxArticleId } from '../articles/public-reads';
import { siteSections } from '../articles/category-defaults';
import { config } from '../platform/config';
import { absoluteUrl } from './seo';
import { listIndexableProfileSlugs } from '../editorial/profiles';
import { newsUrlset, SITEMAP_MAX_URLS, sitemapIndex, sitemapPlan, urlset, type SitemapUrl } from './sitemaps';
import { xmlResponse } from './xml';

async function fixedUrls(): Promise<SitemapUrl[]> {
  const categories = siteSections();
  return [
    { loc: absoluteUrl('/') },
    ...categories.map((category) => ({ loc: absoluteUrl(routes.category.href(category.slug)) })),
    { loc: absoluteUrl(routes.archiveIndex.href()) },
    { loc: absoluteUrl(routes.corrections.href()) },
    { loc: absoluteUrl(routes.aboutAi.href()) },
    { loc: absoluteUrl(routes.aboutCorrections.href()) },
    { loc: absoluteUrl(routes.about.href()) },
    { loc: absoluteUrl(routes.privacy.href()) },
    { loc: absoluteUrl(routes.contact.href()) },
    ...(await listIndexableProfileSlugs()).map((slug) => ({ loc: absoluteUrl(routes.editor.href(slug)) })),
  ];
}

async function articleUrls(afterId: number, throughId: number): Promise<SitemapUrl[]> {
  return (await listSitemapArticles(afterId, throughId)).map((article) => ({
    loc: absoluteUrl(routes.article.href(article.slug)),
    lastmod: article.updatedAt,
  }));
}

export async function sitemapResponse(): Promise<Response> {
  // Ids bound the article count from above, so a single sitemap never exceeds the limit.
  const [maxId, fixed] = await Promise.all([maxArticleId(), fixedUrls()]);
  const plan = sitemapPlan(maxId, fixed.length);
  if (plan.kind === 'single') return xmlResponse(urlset([...fixed, ...(await articleUrls(0, maxId))]));
  const chunks = Array.from({ length: plan.articleChunks }, (_, i) =>
    absoluteUrl(routes.sitemapPart.href(`articles-${i + 1}.xml`)),
  );
  return xmlResponse(sitemapIndex([absoluteUrl(routes.sitemapPart.href('pages.xml')), ...chunks]));
}

/** /sitemaps/pages.xml and /sitemaps/articles-<n>.xml, the parts of the sitemap index. */
export async function sitemapPartResponse(file: string): Promise<Response> {
  if (file === 'pages.xml') return xmlResponse(urlset(await fixedUrls()));
  const match = /^articles-([1-9]\d{0,3})\.xml$/.exec(file);
  const chunk = match ? Number(match[1]) : 0;
  if (!match || (chunk - 1) * SITEMAP_MAX_URLS >= (await maxArticleId()))
    return new Response('Not found', { status: 404 });
  return xmlResponse(urlset(await articleUrls((chunk - 1) * SITEMAP_MAX_URLS, chunk * SITEMAP_MAX_URLS)));
}

export async function newsSitemapResponse(): Promise<Response> {
  const articles = await listNewsSitemapArticles();
  return xmlResponse(
    newsUrlset(
      articles.map((article) => ({
        loc: absoluteUrl(routes.article.href(article.slug)),
        title: article.title,
        publishedAt: article.publishedAt,
      })),
      config().SITE_NAME,
      absoluteUrl(routes.home.href()),
    ),
  );
}
