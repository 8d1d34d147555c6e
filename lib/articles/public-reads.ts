import 'server-only';
import { tokyoYearMonth } from '../format/dates';
import { cached, cachedBriefly } from '../cache/data-cache';
import { cacheTags } from '../cache/tags';
import { Prisma } from '../generated/prisma/client';
import { db } from '../platform/db';
import { siteSections } from './category-defaults';
import type { DisclosureKind } from './disclosure';
import {
  articleViewSelect,
  newestFirst,
  publicArticleSql,
  publicArticleWhere,
  syndicatedArticleWhere,
  summarySelect,
  summaryWithImageSelect,
  toArticleView,
  toSummary,
  type SummaryRow,
} from './public';
import { splitParagraphs } from '../format/normalize';
import { tagSlugFor } from './tag-slug';
import {
  PAGE_SIZE,
  type ArticlePage,
  type ArticleSummary,
  type ArticleView,
  type CategoryRef,
  type FeedItem,
  type HomePage,
} from './views';

/**
 * Cached reads for the public pages. Only public articles (./public.ts) ever leave this module,
 * and only the fields the pages render (./views.ts). Results are tagged (lib/cache/tags.ts).
 */

async function pageOf(where: Prisma.ArticleWhereInput, page: number): Promise<ArticlePage | null> {
  const [total, rows] = await Promise.all([
    db().article.count({ where }),
    db().article.findMany({
      where,
      orderBy: newestFirst,
      skip: (page - 1) * PAGE_SIZE,
      take: PAGE_SIZE,
      select: summarySelect,
    }),
  ]);
  const pageCount = Math.max(1, Math.ceil(total / PAGE_SIZE));
  if (page > pageCount) return null;
  return { articles: rows.map(toSummary), page, pageCount, total };
}

// ---- Article pages ----

/**
 * The article alone, as its page shows it (related: none; getArticlePage adds them). Uncached;
 * pages use getPublishedArticle.
 */
export async function loadPublishedArticle(slug: string): Promise<ArticleView | null> {
  const row = await db().article.findFirst({
    where: { slug, ...publicArticleWhere() },
    relationLoadStrategy: 'join',
    select: articleViewSelect,
  });
  // The figures check is worded where the page renders (claimsStatement): no settings query here.
  return row ? toArticleView(row, []) : null;
}

/**
 * Tagged by the article alone (and the wording it shows): a write to another article does not
 * expire it, nor the page it renders (docs/decisions/0026). The lists beside it are getRelatedArticles'.
 */
export const getPublishedArticle = cached(
  'published-article',
  ([slug]) => [cacheTags.article(slug)],
  loadPublishedArticle,
);

/**
 * How old the list beside an article (related articles) may be. It is not tagged by the lists'
 * tag, so a write elsewhere does not expire every article page; instead it is read at most this
 * old, and the article page is rendered again at most this long after its render
 * (app/(site)/articles/[slug]/page.tsx revalidate), so what an article page shows beside it is at
 * most twice this old: within a minute.
 */
export const SIDE_LIST_MAX_AGE_SECONDS = 30;

type RelatedTo = Pick<ArticleView, 'slug' | 'category' | 'tags'>;

/** The newest public articles sharing the article's section or one of its tags. Uncached. */
export async function loadRelatedArticles(article: RelatedTo): Promise<ArticleSummary[]> {
  const related = await db().article.findMany({
    where: {
      ...publicArticleWhere(),
      slug: { not: article.slug },
      OR: [
        { category: { slug: article.category.slug } },
        { tags: { some: { tag: { slug: { in: article.tags.map((tag) => tag.slug) } } } } },
      ],
    },
    orderBy: newestFirst,
    take: 4,
    select: summaryWithImageSelect,
  });
  return related.map(toSummary);
}

export const getRelatedArticles = cachedBriefly(
  'related-articles',
  ([article]) => [cacheTags.article(article.slug)],
  SIDE_LIST_MAX_AGE_SECONDS,
  loadRelatedArticles,
);

/** An article page's whole view: the article, and the related articles beside it. */
export async function getArticlePage(slug: string): Promise<ArticleView | null> {
  const article = await getPublishedArticle(slug);
  if (!article) return null;
  const { slug: own, category, tags } = article;
  return { ...article, related: await getRelatedArticles({ slug: own, category, tags }) };
}

/**
 * For the proxy: how /articles/<slug> was made (for its AI-Disclosure header), or null when the
 * public may not see it. It reads the same cache entry the page renders from, so a page view costs
 * the article's two queries on a miss and none on a hit.
 */
export async function publicArticleDisclosure(slug: string): Promise<DisclosureKind | null> {
  return (await getPublishedArticle(slug))?.disclosure ?? null;
}

// ---- Lists ----

/** The newest public articles; the home page reads them through getHomePage. */
export async function loadLatestArticles(limit: number): Promise<ArticleSummary[]> {
  const rows = await db().article.findMany({
    where: publicArticleWhere(),
    orderBy: newestFirst,
    take: limit,
    select: summaryWithImageSelect,
  });
  return rows.map(toSummary);
}

/** Every category, for the admin's forms. Public pages use siteSections(), which needs no query. */
export const listCategories = cached(
  'categories',
  () => [cacheTags.categories],
  async (): Promise<CategoryRef[]> =>
    db().category.findMany({ orderBy: [{ position: 'asc' }, { id: 'asc' }], select: { slug: true, name: true } }),
);

const HOME_LATEST = 11;
const HOME_PER_SECTION = 4;

type SectionRow = {
  slug: string;
  title: string;
  lead: string;
  published_at: Date | null;
  updated_at: Date;
  disclosure: string;
  category_slug: string;
  category_name: string;
};

/** The newest few of every section in one query: a LATERAL join walks each section's index. */
async function loadSectionBlocks(): Promise<HomePage['categories']> {
  const rows = await db().$queryRaw<SectionRow[]>`
    SELECT a.slug, a.title, a.lead, a.published_at, a.updated_at, a.disclosure::text AS disclosure,
           c.slug AS category_slug, c.name AS category_name
      FROM categories c
     CROSS JOIN LATERAL (
           SELECT * FROM articles
            WHERE category_id = c.id AND ${publicArticleSql()}
            ORDER BY published_at DESC, id DESC
            LIMIT ${HOME_PER_SECTION}) a
     ORDER BY c.position, c.id, a.published_at DESC, a.id DESC`;
  const blocks = new Map<string, HomePage['categories'][number]>();
  for (const row of rows) {
    const summary = summaryOfSqlRow(row);
    const block = blocks.get(summary.category.slug) ?? { category: summary.category, articles: [] };
    block.articles.push(summary);
    blocks.set(summary.category.slug, block);
  }
  return [...blocks.values()];
}

/** A summary from a raw query's row (the home page's two raw queries), with its lead image when selected. */
function summaryOfSqlRow(row: SectionRow & Partial<ImageColumns>): ArticleSummary {
  return toSummary({
    slug: row.slug,
    title: row.title,
    lead: row.lead,
    publishedAt: row.published_at,
    updatedAt: row.updated_at,
    disclosure: row.disclosure as SummaryRow['disclosure'],
    category: { slug: row.category_slug, name: row.category_name },
    leadImage:
      row.image_id === null || row.image_id === undefined
        ? null
        : { id: row.image_id, width: row.image_width!, height: row.image_height! },
  });
}

type ImageColumns = { image_id: number | null; image_width: number | null; image_height: number | null };

type HomeStoryRow = SectionRow & ImageColumns & { chosen: boolean };

/**
 * The stories editors placed on the home page, in their order (any no longer public drop out),
 * and the newest stories after them: one query, each half walking an index, so a home page miss
 * still costs two queries with the section blocks.
 */
async function loadHomeStories(newest: number): Promise<{ chosen: ArticleSummary[]; newest: ArticleSummary[] }> {
  const columns = Prisma.sql`a.id, a.slug, a.title, a.lead, a.published_at, a.updated_at, a.disclosure::text AS disclosure,
           c.slug AS category_slug, c.name AS category_name,
           m.id AS image_id, m.width AS image_width, m.height AS image_height`;
  const rows = await db().$queryRaw<HomeStoryRow[]>`
    SELECT * FROM (
    (SELECT true AS chosen, s.position AS ord, ${columns}
       FROM front_page_slots s
       JOIN articles a ON a.id = s.article_id
       JOIN categories c ON c.id = a.category_id
       LEFT JOIN media_images m ON m.id = a.lead_image_id
      WHERE ${publicArticleSql('a')}
      ORDER BY s.position)
    UNION ALL
    (SELECT false AS chosen, 0 AS ord, ${columns}
       FROM (SELECT * FROM articles WHERE ${publicArticleSql()} ORDER BY published_at DESC, id DESC LIMIT ${newest}) a
       JOIN categories c ON c.id = a.category_id
       LEFT JOIN media_images m ON m.id = a.lead_image_id)
    ) stories
    ORDER BY chosen DESC, ord, published_at DESC, id DESC`;
  return {
    chosen: rows.filter((row) => row.chosen).map(summaryOfSqlRow),
    newest: rows.filter((row) => !row.chosen).map(summaryOfSqlRow),
  };
}

/** How many stories editors can place (lib/editorial/front-page.ts); the rest come newest first. */
const HOME_CHOSEN_MAX = 6;

export const getHomePage = cached(
  'home',
  () => [cacheTags.articleLists, cacheTags.categories, cacheTags.frontPage],
  async (): Promise<HomePage> => {
    // Enough newest stories to fill the page around the chosen ones, and one more, to know
    // whether there are more and where they begin.
    const [{ chosen, newest }, categories] = await Promise.all([
      loadHomeStories(HOME_LATEST + HOME_CHOSEN_MAX + 1),
      loadSectionBlocks(),
    ]);
    const chosenSlugs = new Set(chosen.map((article) => article.slug));
    const rest = newest.filter((article) => !chosenSlugs.has(article.slug));
    const shown = [...chosen, ...rest].slice(0, HOME_LATEST);
    const firstLeftOut = rest[HOME_LATEST - Math.min(chosen.length, HOME_LATEST)];
    const more = firstLeftOut ? tokyoYearMonth(new Date(firstLeftOut.publishedAt)) : null;
    return { top: shown[0] ?? null, latest: shown.slice(1), categories, more };
  },
);

export const getCategoryPage = cached(
  'category-page',
  ([slug]) => [cacheTags.category(slug), cacheTags.articleLists, cacheTags.categories],
  async (slug: string, page: number): Promise<(ArticlePage & { category: CategoryRef }) | null> => {
    const category = siteSections().find((section) => section.slug === slug);
    if (!category) return null;
    const result = await pageOf({ ...publicArticleWhere(), category: { slug } }, page);
    return result && { ...result, category };
  },
);

/**
 * A page of a tag's articles. The slug may be any way of writing the tag's name (生成AI for 生成ai):
 * the page found is the canonical tag's, whose slug the result carries, so the tag page can
 * redirect a variant URL to it (lib/articles/tag-slug.ts) and the proxy lets the variant through.
 */
export const getTagPage = cached(
  'tag-page',
  ([requested]) => [cacheTags.tag(tagSlugFor(requested)), cacheTags.articleLists],
  async (requested: string, page: number): Promise<(ArticlePage & { tag: CategoryRef }) | null> => {
    const slug = tagSlugFor(requested);
    // Two queries side by side: the tag with its count of public articles, and the page's articles.
    const now = new Date();
    const [tag, rows] = await Promise.all([
      db().tag.findUnique({
        where: { slug },
        select: {
          slug: true,
          name: true,
          _count: { select: { articles: { where: { article: publicArticleWhere(now) } } } },
        },
      }),
      db().article.findMany({
        where: { ...publicArticleWhere(now), tags: { some: { tag: { slug } } } },
        orderBy: newestFirst,
        skip: (page - 1) * PAGE_SIZE,
        take: PAGE_SIZE,
        select: summarySelect,
      }),
    ]);
    const total = tag?._count.articles ?? 0;
    const pageCount = Math.max(1, Math.ceil(total / PAGE_SIZE));
    if (!tag || total === 0 || page > pageCount) return null;
    return { articles: rows.map(toSummary), page, pageCount, total, tag: { slug: tag.slug, name: tag.name } };
  },
);

/** Calendar months are Japan's: 2025年10月 runs from 10/1 00:00 to 11/1 00:00 in Asia/Tokyo. */
export function tokyoMonthRange(year: number, month: number): { from: Date; to: Date } {
  const offset = 9 * 60 * 60 * 1000;
  return { from: new Date(Date.UTC(year, month - 1, 1) - offset), to: new Date(Date.UTC(year, month, 1) - offset) };
}

export const getArchivePage = cached(
  'archive-page',
  () => [cacheTags.articleLists],
  async (year: number, month: number, page: number): Promise<ArticlePage | null> => {
    const { from, to } = tokyoMonthRange(year, month);
    const result = await pageOf({ ...publicArticleWhere(), publishedAt: { gte: from, lt: to, lte: new Date() } }, page);
    return result && result.total > 0 ? result : null;
  },
);

export const listArchiveMonths = cached(
  'archive-months',
  () => [cacheTags.articleLists],
  async () => {
    const rows = await db().$queryRaw<{ year: number; month: number; count: number }[]>`
    SELECT extract(year FROM published_at AT TIME ZONE 'Asia/Tokyo')::int AS year,
           extract(month FROM published_at AT TIME ZONE 'Asia/Tokyo')::int AS month,
           count(*)::int AS count
      FROM articles
     WHERE ${publicArticleSql()}
     GROUP BY 1, 2 ORDER BY 1 DESC, 2 DESC`;
    return rows;
  },
);

// ---- Feeds and sitemaps ----

export const listFeedItems = cached(
  'feed-items',
  ([categorySlug]) => [cacheTags.articleLists, ...(categorySlug ? [cacheTags.category(categorySlug)] : [])],
  async (categorySlug: string | null, limit: number): Promise<FeedItem[]> => {
    const rows = await db().article.findMany({
      where: { ...syndicatedArticleWhere(), ...(categorySlug ? { category: { slug: categorySlug } } : {}) },
      orderBy: newestFirst,
      take: limit,
      relationLoadStrategy: 'join',
      select: {
        ...summaryWithImageSelect,
        kind: true,
        version: true,
        leadImageAlt: true,
        sections: { orderBy: { position: 'asc' }, select: { heading: true, body: true } },
        sources: { orderBy: { position: 'asc' }, select: { title: true, url: true, publisher: true } },
        noSourcesReason: true,
        tags: { select: { tag: { select: { name: true } } } },
      },
    });
    return rows.map((row) => ({
      ...toSummary(row),
      kind: row.kind,
      version: row.version,
      leadImageAlt: row.leadImageAlt,
      sections: row.sections.map((section) => ({
        heading: section.heading,
        paragraphs: splitParagraphs(section.body),
      })),
      sources: row.sources,
      noSourcesReason: row.noSourcesReason,
      tags: row.tags.map(({ tag }) => tag.name),
    }));
  },
);

/**
 * The highest article id: an upper bound on the number of public articles, read from the primary
 * key in an instant. Sitemaps are cut by id range, so no query ever counts or skips 100,000 rows.
 */
export const maxArticleId = cached(
  'max-article-id',
  () => [cacheTags.articleLists],
  async (): Promise<number> => {
    // Raw, because Prisma's aggregate wraps max() in a subquery that scans the table.
    const [row] = await db().$queryRaw<{ max: number | null }[]>`SELECT max(id) AS max FROM articles`;
    return row?.max ?? 0;
  },
);

export const listSitemapArticles = cached(
  'sitemap-articles',
  () => [cacheTags.articleLists],
  async (afterId: number, throughId: number): Promise<{ slug: string; updatedAt: string }[]> => {
    const rows = await db().article.findMany({
      where: { ...syndicatedArticleWhere(), id: { gt: afterId, lte: throughId } },
      orderBy: { id: 'asc' },
      select: { slug: true, updatedAt: true },
    });
    return rows.map((row) => ({ slug: row.slug, updatedAt: row.updatedAt.toISOString() }));
  },
);

export const listNewsSitemapArticles = cached(
  'news-sitemap',
  () => [cacheTags.articleLists],
  async (): Promise<ArticleSummary[]> => {
    const since = new Date(Date.now() - 2 * 24 * 60 * 60 * 1000);
    const rows = await db().article.findMany({
      where: {
        ...syndicatedArticleWhere(),
        // The last two days' articles, and a live page for as long as it is live (docs/decisions/0040).
        OR: [{ publishedAt: { gte: since } }, { kind: 'live', OR: [{ liveState: null }, { liveState: 'live' }] }],
      },
      orderBy: newestFirst,
      take: 1000,
      select: summarySelect,
    });
    return rows.map(toSummary);
  },
);

/** The current slug of a public article that used to live at `slug`, for a 308 redirect. */
export const redirectedSlug = cached(
  'slug-redirect',
  ([slug]) => [cacheTags.article(slug), cacheTags.articleLists],
  async (slug: string): Promise<string | null> => {
    const redirect = await db().slugRedirect.findFirst({
      where: { oldSlug: slug, article: publicArticleWhere() },
      select: { article: { select: { slug: true } } },
    });
    return redirect?.article.slug ?? null;
  },
);
