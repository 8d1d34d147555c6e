import 'server-only';
import { unstable_cache } from 'next/cache';
import { cacheTags } from './cache-tags';
import { db } from './db';
import type { Prisma } from './generated/prisma/client';
import { disclosureFromDb, type DisclosureKind } from './disclosure';

/**
 * Reads for the public pages. Only published, due, undeleted articles ever leave this module,
 * and only the fields the pages render. Results are cached and tagged (lib/cache-tags.ts);
 * dates travel as ISO strings because the cache stores JSON.
 */

export type CategoryRef = { slug: string; name: string };

export type ArticleSummary = {
  slug: string;
  title: string;
  lead: string;
  publishedAt: string;
  category: CategoryRef;
  disclosure: DisclosureKind;
};

export type ArticleView = ArticleSummary & {
  updatedAt: string;
  datelinePlace: string | null;
  disclaimer: string;
  sections: { heading: string; paragraphs: string[] }[];
  sources: { title: string; url: string; publisher: string | null; accessedAt: string | null }[];
  tags: CategoryRef[];
  related: ArticleSummary[];
};

/** Public means: published, its time has come, and not deleted. */
export function publicArticleWhere(now = new Date()): Prisma.ArticleWhereInput {
  return { status: 'published', publishedAt: { lte: now }, deletedAt: null };
}

const summarySelect = {
  slug: true,
  title: true,
  lead: true,
  publishedAt: true,
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
    category: row.category,
    disclosure: disclosureFromDb(row.disclosure),
  };
}

export function splitParagraphs(body: string): string[] {
  return body
    .split(/\n{2,}/)
    .map((paragraph) => paragraph.trim())
    .filter(Boolean);
}

/** Uncached; pages use getPublishedArticle. */
export async function loadPublishedArticle(slug: string): Promise<ArticleView | null> {
  const row = await db().article.findFirst({
    where: { slug, ...publicArticleWhere() },
    relationLoadStrategy: 'join',
    select: {
      ...summarySelect,
      id: true,
      categoryId: true,
      updatedAt: true,
      datelinePlace: true,
      disclaimer: true,
      sections: { orderBy: { position: 'asc' }, select: { heading: true, body: true } },
      sources: {
        orderBy: { position: 'asc' },
        select: { title: true, url: true, publisher: true, accessedAt: true },
      },
      tags: { select: { tagId: true, tag: { select: { slug: true, name: true } } } },
    },
  });
  if (!row) return null;
  const related = await db().article.findMany({
    where: {
      ...publicArticleWhere(),
      id: { not: row.id },
      OR: [{ categoryId: row.categoryId }, { tags: { some: { tagId: { in: row.tags.map((tag) => tag.tagId) } } } }],
    },
    orderBy: { publishedAt: 'desc' },
    take: 4,
    select: summarySelect,
  });
  return {
    ...toSummary(row),
    updatedAt: row.updatedAt.toISOString(),
    datelinePlace: row.datelinePlace,
    disclaimer: row.disclaimer,
    sections: row.sections.map((section) => ({ heading: section.heading, paragraphs: splitParagraphs(section.body) })),
    sources: row.sources.map((source) => ({
      ...source,
      accessedAt: source.accessedAt ? source.accessedAt.toISOString().slice(0, 10) : null,
    })),
    tags: row.tags.map(({ tag }) => tag),
    related: related.map(toSummary),
  };
}

export function getPublishedArticle(slug: string): Promise<ArticleView | null> {
  return unstable_cache(loadPublishedArticle, ['published-article', slug], {
    tags: [cacheTags.article(slug), cacheTags.articleLists],
  })(slug);
}

/** Uncached; pages use listLatestArticles. */
export async function loadLatestArticles(limit: number): Promise<ArticleSummary[]> {
  const rows = await db().article.findMany({
    where: publicArticleWhere(),
    orderBy: [{ publishedAt: 'desc' }, { id: 'desc' }],
    take: limit,
    select: summarySelect,
  });
  return rows.map(toSummary);
}

export function listLatestArticles(limit = 20): Promise<ArticleSummary[]> {
  return unstable_cache(loadLatestArticles, ['latest-articles'], { tags: [cacheTags.articleLists] })(limit);
}

async function loadArticleIsPublic(slug: string): Promise<boolean> {
  const row = await db().article.findFirst({ where: { slug, ...publicArticleWhere() }, select: { id: true } });
  return row !== null;
}

/** For the proxy: does /articles/<slug> exist for the public? Cached and tagged like the article. */
export function articleIsPublic(slug: string): Promise<boolean> {
  return unstable_cache(loadArticleIsPublic, ['article-is-public', slug], {
    tags: [cacheTags.article(slug), cacheTags.articleLists],
  })(slug);
}
