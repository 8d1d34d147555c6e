import 'server-only';
import { splitParagraphs } from './article-text/normalize';
import { cached } from './data-cache';
import { DEFAULT_CATEGORIES } from './category-defaults';
import { cacheTags } from './cache-tags';
import { db } from './db';
import { Prisma } from './generated/prisma/client';
import { disclosureFromDb, type DisclosureKind } from './disclosure';
import { containsPattern, queryGrams } from './search-text';

/**
 * Reads for the public pages. Only published, due, undeleted articles ever leave this module,
 * and only the fields the pages render. Results are cached and tagged (lib/cache-tags.ts);
 * dates travel as ISO strings because the cache stores JSON.
 */

export const PAGE_SIZE = 20;
export type CategoryRef = { slug: string; name: string };

export type ArticleSummary = {
  slug: string;
  title: string;
  lead: string;
  publishedAt: string;
  updatedAt: string;
  category: CategoryRef;
  disclosure: DisclosureKind;
};

export type CorrectionView = {
  correctedAt: string;
  whatWasWrong: string;
  whatChanged: string;
  beforeText: string | null;
  afterText: string | null;
};

export type GenerationRecord = {
  modelName: string | null;
  modelVersion: string | null;
  promptTemplateVersion: string | null;
  sourcesRetrievedAt: string | null;
};

export type ArticleView = ArticleSummary & {
  datelinePlace: string | null;
  disclaimer: string;
  kind: 'news' | 'analysis';
  /** Why there is no source, recorded when it was published without one. */
  noSourcesReason: string | null;
  reviewedBy: string | null;
  reviewedAt: string | null;
  generation: GenerationRecord;
  corrections: CorrectionView[];
  sections: { heading: string; paragraphs: string[]; cites: number[] }[];
  sources: { title: string; url: string; publisher: string | null; accessedAt: string | null }[];
  tags: CategoryRef[];
  related: ArticleSummary[];
};

export type ArticlePage = { articles: ArticleSummary[]; page: number; pageCount: number; total: number };

/**
 * Public means: published, its time has come, and not deleted. This is the one definition, in the
 * two forms the queries need: a Prisma filter, and SQL for the raw queries (the database's clock).
 * lib/public-reads.int.test.ts holds every public read to it over a table of edge rows.
 */
export function publicArticleWhere(now = new Date()): Prisma.ArticleWhereInput {
  return { status: 'published', publishedAt: { lte: now }, deletedAt: null };
}

export function publicArticleSql(alias?: 'a'): Prisma.Sql {
  const column = (name: string) => Prisma.raw(alias ? `${alias}.${name}` : name);
  return Prisma.sql`${column('status')} = 'published' AND ${column('published_at')} <= now() AND ${column('deleted_at')} IS NULL`;
}

const summarySelect = {
  slug: true,
  title: true,
  lead: true,
  publishedAt: true,
  updatedAt: true,
  disclosure: true,
  category: { select: { slug: true, name: true } },
} satisfies Prisma.ArticleSelect;

type SummaryRow = Prisma.ArticleGetPayload<{ select: typeof summarySelect }>;

function toSummary(row: SummaryRow): ArticleSummary {
  return {
    slug: row.slug,
    title: row.title,
    lead: row.lead,
    publishedAt: (row.publishedAt ?? new Date(0)).toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    category: row.category,
    disclosure: disclosureFromDb(row.disclosure),
  };
}

export const generationSelect = {
  modelName: true,
  modelVersion: true,
  promptTemplateVersion: true,
  sourcesRetrievedAt: true,
} satisfies Prisma.ArticleSelect;

export function toGenerationRecord(row: Prisma.ArticleGetPayload<{ select: typeof generationSelect }>): GenerationRecord {
  return { ...row, sourcesRetrievedAt: row.sourcesRetrievedAt?.toISOString() ?? null };
}

export const correctionSelect = {
  correctedAt: true,
  whatWasWrong: true,
  whatChanged: true,
  beforeText: true,
  afterText: true,
} satisfies Prisma.CorrectionSelect;

export function toCorrectionView(row: Prisma.CorrectionGetPayload<{ select: typeof correctionSelect }>): CorrectionView {
  return { ...row, correctedAt: row.correctedAt.toISOString() };
}

const newestFirst: Prisma.ArticleOrderByWithRelationInput[] = [{ publishedAt: 'desc' }, { id: 'desc' }];

async function pageOf(where: Prisma.ArticleWhereInput, page: number): Promise<ArticlePage | null> {
  const [total, rows] = await Promise.all([
    db().article.count({ where }),
    db().article.findMany({ where, orderBy: newestFirst, skip: (page - 1) * PAGE_SIZE, take: PAGE_SIZE, select: summarySelect }),
  ]);
  const pageCount = Math.max(1, Math.ceil(total / PAGE_SIZE));
  if (page > pageCount) return null;
  return { articles: rows.map(toSummary), page, pageCount, total };
}

// ---- Article pages ----

/** Everything an article page shows, in one query (relation joins). */
export const articleViewSelect = {
  ...summarySelect,
  id: true,
  categoryId: true,
  datelinePlace: true,
  disclaimer: true,
  kind: true,
  noSourcesReason: true,
  reviewedBy: true,
  reviewedAt: true,
  ...generationSelect,
  corrections: { orderBy: { correctedAt: 'desc' }, select: correctionSelect },
  sections: { orderBy: { position: 'asc' }, select: { heading: true, body: true, cites: true } },
  sources: { orderBy: { position: 'asc' }, select: { title: true, url: true, publisher: true, accessedAt: true } },
  tags: { select: { tagId: true, tag: { select: { slug: true, name: true } } } },
} satisfies Prisma.ArticleSelect;

export type ArticleViewRow = Prisma.ArticleGetPayload<{ select: typeof articleViewSelect }>;

/** The article as readers see it: shared by the public page and the editors' preview. */
export function toArticleView(row: ArticleViewRow, related: ArticleSummary[]): ArticleView {
  return {
    ...toSummary(row),
    datelinePlace: row.datelinePlace,
    disclaimer: row.disclaimer,
    kind: row.kind,
    noSourcesReason: row.noSourcesReason,
    reviewedBy: row.reviewedBy,
    reviewedAt: row.reviewedAt?.toISOString() ?? null,
    generation: toGenerationRecord(row),
    corrections: row.corrections.map(toCorrectionView),
    sections: row.sections.map((section) => ({ heading: section.heading, paragraphs: splitParagraphs(section.body), cites: section.cites })),
    sources: row.sources.map((source) => ({ ...source, accessedAt: source.accessedAt?.toISOString().slice(0, 10) ?? null })),
    tags: row.tags.map(({ tag }) => tag),
    related,
  };
}

/** Uncached; pages use getPublishedArticle. */
export async function loadPublishedArticle(slug: string): Promise<ArticleView | null> {
  const row = await db().article.findFirst({
    where: { slug, ...publicArticleWhere() },
    relationLoadStrategy: 'join',
    select: articleViewSelect,
  });
  if (!row) return null;
  const related = await db().article.findMany({
    where: {
      ...publicArticleWhere(),
      id: { not: row.id },
      OR: [{ categoryId: row.categoryId }, { tags: { some: { tagId: { in: row.tags.map((tag) => tag.tagId) } } } }],
    },
    orderBy: newestFirst,
    take: 4,
    select: summarySelect,
  });
  return toArticleView(row, related.map(toSummary));
}

export const getPublishedArticle = cached('published-article', ([slug]) => [cacheTags.article(slug), cacheTags.articleLists], loadPublishedArticle);

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
  const rows = await db().article.findMany({ where: publicArticleWhere(), orderBy: newestFirst, take: limit, select: summarySelect });
  return rows.map(toSummary);
}


/** Every category, for the admin's forms. Public pages use siteSections(), which needs no query. */
export const listCategories = cached('categories', () => [cacheTags.categories], async (): Promise<CategoryRef[]> =>
  db().category.findMany({ orderBy: [{ position: 'asc' }, { id: 'asc' }], select: { slug: true, name: true } }),
);

/**
 * The site's sections, in order. They are configuration (lib/category-defaults.ts), which every
 * migration writes into the database, so the navigation and the category pages need no query.
 */
export function siteSections(): CategoryRef[] {
  return DEFAULT_CATEGORIES.map(({ slug, name }) => ({ slug, name }));
}

export type HomePage = {
  top: ArticleSummary | null;
  latest: ArticleSummary[];
  categories: { category: CategoryRef; articles: ArticleSummary[] }[];
};

const HOME_LATEST = 11;
const HOME_PER_SECTION = 4;

type SectionRow = { slug: string; title: string; lead: string; published_at: Date | null; updated_at: Date; disclosure: string; category_slug: string; category_name: string };

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
    const category = { slug: row.category_slug, name: row.category_name };
    const block = blocks.get(category.slug) ?? { category, articles: [] };
    block.articles.push(
      toSummary({
        slug: row.slug,
        title: row.title,
        lead: row.lead,
        publishedAt: row.published_at,
        updatedAt: row.updated_at,
        disclosure: row.disclosure as SummaryRow['disclosure'],
        category,
      }),
    );
    blocks.set(category.slug, block);
  }
  return [...blocks.values()];
}

export const getHomePage = cached('home', () => [cacheTags.articleLists, cacheTags.categories], async (): Promise<HomePage> => {
  const [latest, categories] = await Promise.all([loadLatestArticles(HOME_LATEST), loadSectionBlocks()]);
  return { top: latest[0] ?? null, latest: latest.slice(1), categories };
});

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

export const getTagPage = cached(
  'tag-page',
  ([slug]) => [cacheTags.tag(slug), cacheTags.articleLists],
  async (slug: string, page: number): Promise<(ArticlePage & { tag: CategoryRef }) | null> => {
    // Two queries side by side: the tag with its count of public articles, and the page's articles.
    const now = new Date();
    const [tag, rows] = await Promise.all([
      db().tag.findUnique({
        where: { slug },
        select: { slug: true, name: true, _count: { select: { articles: { where: { article: publicArticleWhere(now) } } } } },
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

export const listArchiveMonths = cached('archive-months', () => [cacheTags.articleLists], async () => {
  const rows = await db().$queryRaw<{ year: number; month: number; count: number }[]>`
    SELECT extract(year FROM published_at AT TIME ZONE 'Asia/Tokyo')::int AS year,
           extract(month FROM published_at AT TIME ZONE 'Asia/Tokyo')::int AS month,
           count(*)::int AS count
      FROM articles
     WHERE ${publicArticleSql()}
     GROUP BY 1, 2 ORDER BY 1 DESC, 2 DESC`;
  return rows;
});

// ---- Search ----

export type SearchHit = ArticleSummary & { titleHit: boolean; searchText: string };

/** Counting every match of a common word would read them all; past this, the page says "200件以上". */
export const SEARCH_COUNT_CAP = 200;

type SearchRow = {
  slug: string;
  title: string;
  lead: string;
  published_at: Date;
  updated_at: Date;
  disclosure: DisclosureKind;
  category_slug: string;
  category_name: string;
  search_text: string;
};

/**
 * Every word must appear (AND). Title hits come first, newest first, found through the title's own
 * bigram index; then the other hits, newest first, which the planner can read either from the
 * bigram index (rare words) or along the date index (common words). Counts stop at SEARCH_COUNT_CAP.
 * Not cached: queries are endless. See docs/decisions/0005-japanese-search.md.
 */
export async function searchArticles(
  words: string[],
  page: number,
): Promise<{ hits: SearchHit[]; total: number; capped: boolean; pageCount: number }> {
  const grams = [...new Set(words.flatMap(queryGrams))];
  const patterns = words.map(containsPattern);
  const isPublic = publicArticleSql('a');
  // A word of one or two characters is its own gram, so the gram index answers it exactly. The
  // substring check is then left out: besides costing nothing, it lets the planner see how many rows
  // match (it takes LIKE on an expression for rare, and sorted thousands of title hits at 100k).
  const gramsAreExact = words.every((word) => [...word].length <= 2);
  const exactly = (condition: Prisma.Sql) => (gramsAreExact ? Prisma.empty : Prisma.sql` AND ${condition}`);
  const inTitle = Prisma.sql`a.title_bigrams @> ${grams}::text[]${exactly(Prisma.sql`lower(normalize(a.title, NFKC)) LIKE ALL (${patterns}::text[])`)}`;
  const inText = Prisma.sql`a.search_bigrams @> ${grams}::text[]${exactly(Prisma.sql`a.search_text LIKE ALL (${patterns}::text[])`)}`;
  const columns = Prisma.sql`a.slug, a.title, a.lead, a.published_at, a.updated_at, a.disclosure::text AS disclosure,
    c.slug AS category_slug, c.name AS category_name, a.search_text`;
  const countUpToCap = (condition: Prisma.Sql, order: Prisma.Sql) =>
    db().$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM (
      SELECT 1 FROM articles a WHERE ${isPublic} AND ${condition} ${order} LIMIT ${SEARCH_COUNT_CAP + 1}) AS hits`;

  const [[titleCount], [otherCount]] = await Promise.all([
    // Titles are short: a word sits in a few percent of them at most, and the bitmap from the title
    // index, read in table order until the cap, is the quickest way to count them.
    countUpToCap(inTitle, Prisma.empty),
    // Body text holds common words in most articles: walking the date index stops at the cap soonest.
    countUpToCap(Prisma.sql`${inText} AND NOT (${inTitle})`, Prisma.sql`ORDER BY a.published_at DESC`),
  ]);
  const titleTotal = titleCount?.n ?? 0;
  const total = Math.min(titleTotal + (otherCount?.n ?? 0), SEARCH_COUNT_CAP + 1);
  const offset = (page - 1) * PAGE_SIZE;
  const rows: (SearchRow & { title_hit: boolean })[] = [];
  if (offset < titleTotal) {
    const found = await db().$queryRaw<SearchRow[]>`
      SELECT ${columns} FROM articles a JOIN categories c ON c.id = a.category_id
       WHERE ${isPublic} AND ${inTitle}
       ORDER BY a.published_at DESC, a.id DESC LIMIT ${PAGE_SIZE} OFFSET ${offset}`;
    rows.push(...found.map((row) => ({ ...row, title_hit: true })));
  }
  if (rows.length < PAGE_SIZE) {
    const found = await db().$queryRaw<SearchRow[]>`
      SELECT ${columns} FROM articles a JOIN categories c ON c.id = a.category_id
       WHERE ${isPublic} AND ${inText} AND NOT (${inTitle})
       ORDER BY a.published_at DESC, a.id DESC LIMIT ${PAGE_SIZE - rows.length} OFFSET ${Math.max(0, offset - titleTotal)}`;
    rows.push(...found.map((row) => ({ ...row, title_hit: false })));
  }
  const shown = Math.min(total, SEARCH_COUNT_CAP);
  return {
    total: shown,
    capped: total > SEARCH_COUNT_CAP,
    pageCount: Math.max(1, Math.ceil(shown / PAGE_SIZE)),
    hits: rows.map((row) => ({
      slug: row.slug,
      title: row.title,
      lead: row.lead,
      publishedAt: row.published_at.toISOString(),
      updatedAt: row.updated_at.toISOString(),
      disclosure: row.disclosure,
      category: { slug: row.category_slug, name: row.category_name },
      titleHit: row.title_hit,
      searchText: row.search_text,
    })),
  };
}

// ---- Feeds and sitemaps ----

export type FeedItem = ArticleSummary & { sections: { heading: string; paragraphs: string[] }[]; tags: string[]; kind: 'news' | 'analysis' };

export const listFeedItems = cached(
  'feed-items',
  ([categorySlug]) => [cacheTags.articleLists, ...(categorySlug ? [cacheTags.category(categorySlug)] : [])],
  async (categorySlug: string | null, limit: number): Promise<FeedItem[]> => {
    const rows = await db().article.findMany({
      where: { ...publicArticleWhere(), ...(categorySlug ? { category: { slug: categorySlug } } : {}) },
      orderBy: newestFirst,
      take: limit,
      relationLoadStrategy: 'join',
      select: {
        ...summarySelect,
        kind: true,
        sections: { orderBy: { position: 'asc' }, select: { heading: true, body: true } },
        tags: { select: { tag: { select: { name: true } } } },
      },
    });
    return rows.map((row) => ({
      ...toSummary(row),
      kind: row.kind,
      sections: row.sections.map((section) => ({ heading: section.heading, paragraphs: splitParagraphs(section.body) })),
      tags: row.tags.map(({ tag }) => tag.name),
    }));
  },
);

/**
 * The highest article id: an upper bound on the number of public articles, read from the primary
 * key in an instant. Sitemaps are cut by id range, so no query ever counts or skips 100,000 rows.
 */
export const maxArticleId = cached('max-article-id', () => [cacheTags.articleLists], async (): Promise<number> => {
  // Raw, because Prisma's aggregate wraps max() in a subquery that scans the table.
  const [row] = await db().$queryRaw<{ max: number | null }[]>`SELECT max(id) AS max FROM articles`;
  return row?.max ?? 0;
});

export const listSitemapArticles = cached(
  'sitemap-articles',
  () => [cacheTags.articleLists],
  async (afterId: number, throughId: number): Promise<{ slug: string; updatedAt: string }[]> => {
    const rows = await db().article.findMany({
      where: { ...publicArticleWhere(), id: { gt: afterId, lte: throughId } },
      orderBy: { id: 'asc' },
      select: { slug: true, updatedAt: true },
    });
    return rows.map((row) => ({ slug: row.slug, updatedAt: row.updatedAt.toISOString() }));
  },
);

export const listNewsSitemapArticles = cached('news-sitemap', () => [cacheTags.articleLists], async (): Promise<ArticleSummary[]> => {
  const since = new Date(Date.now() - 2 * 24 * 60 * 60 * 1000);
  const rows = await db().article.findMany({
    where: { ...publicArticleWhere(), publishedAt: { gte: since, lte: new Date() } },
    orderBy: newestFirst,
    take: 1000,
    select: summarySelect,
  });
  return rows.map(toSummary);
});

/** The current slug of a public article that used to live at `slug`, for a 308 redirect. */
export const redirectedSlug = cached(
  'slug-redirect',
  ([slug]) => [cacheTags.article(slug), cacheTags.articleLists],
  async (slug: string): Promise<string | null> => {
    const redirect = await db().slugRedirect.findUnique({
      where: { oldSlug: slug },
      select: { article: { select: { slug: true, status: true, publishedAt: true, deletedAt: true } } },
    });
    const target = redirect?.article;
    if (!target || target.status !== 'published' || target.deletedAt || !target.publishedAt || target.publishedAt > new Date()) return null;
    return target.slug;
  },
);
