import 'server-only';
import { createHash } from 'node:crypto';
import { disclosureFromDb } from '../articles/disclosure';
import { publicArticleWhere } from '../articles/public';
import { splitParagraphs } from '../format/normalize';
import { Prisma } from '../generated/prisma/client';
import { db } from '../platform/db';
import { siteUrl } from '../platform/config';
import { routes } from '../routes/registry';
import type { ArticleList, ArticleListQuery, PublishedArticle } from './schemas';

export { articleListQuerySchema, articleListSchema, publishedArticleSchema } from './schemas';

/**
 * The read API (docs/decisions/0034): published articles only — the one public definition,
 * `publicArticleWhere`, never a draft, a scheduled article before its time or a deleted one — in
 * the JSON shape of the import document (docs/article.schema.json) plus their public URLs.
 * Newest update first, paginated by an opaque cursor; filters by category, tag and
 * `updated_since`. Answers carry an ETag of their body; the route answers 304 to it.
 */

const select = {
  id: true,
  slug: true,
  title: true,
  lead: true,
  disclaimer: true,
  disclosure: true,
  kind: true,
  noSourcesReason: true,
  datelinePlace: true,
  publishedAt: true,
  updatedAt: true,
  reviewedBy: true,
  reviewedAt: true,
  version: true,
  modelName: true,
  modelVersion: true,
  promptTemplateVersion: true,
  sourcesRetrievedAt: true,
  category: { select: { slug: true } },
  tags: { select: { tag: { select: { name: true } } } },
  sections: { orderBy: { position: 'asc' }, select: { heading: true, body: true, cites: true } },
  sources: { orderBy: { position: 'asc' }, select: { title: true, url: true, publisher: true, accessedAt: true } },
  corrections: {
    orderBy: { correctedAt: 'asc' },
    select: { correctedAt: true, whatWasWrong: true, whatChanged: true },
  },
} satisfies Prisma.ArticleSelect;
type Row = Prisma.ArticleGetPayload<{ select: typeof select }>;

const present = <T>(value: T | null | undefined): T | undefined => value ?? undefined;

function toPublished(row: Row): PublishedArticle {
  const origin = siteUrl();
  return {
    title: row.title,
    lead: row.lead,
    disclaimer: present(row.disclaimer),
    disclosure: disclosureFromDb(row.disclosure),
    kind: row.kind,
    sections: row.sections.map((section) => ({
      heading: section.heading,
      paragraphs: splitParagraphs(section.body),
      ...(section.cites.length > 0 ? { cites: section.cites } : {}),
    })),
    sources: row.sources.map((source) => ({
      title: source.title,
      url: source.url,
      ...(source.publisher ? { publisher: source.publisher } : {}),
      ...(source.accessedAt ? { accessedAt: source.accessedAt.toISOString().slice(0, 10) } : {}),
    })),
    noSourcesReason: present(row.noSourcesReason),
    slug: row.slug,
    category: row.category.slug,
    tags: row.tags.map(({ tag }) => tag.name),
    datelinePlace: present(row.datelinePlace),
    publishedAt: row.publishedAt!.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    reviewedBy: present(row.reviewedBy),
    reviewedAt: row.reviewedAt?.toISOString(),
    version: row.version,
    generation: {
      model: row.modelName,
      modelVersion: row.modelVersion,
      promptTemplateVersion: row.promptTemplateVersion,
      sourcesRetrievedAt: row.sourcesRetrievedAt?.toISOString() ?? null,
    },
    corrections: row.corrections.map((correction) => ({
      correctedAt: correction.correctedAt.toISOString(),
      whatWasWrong: correction.whatWasWrong,
      whatChanged: correction.whatChanged,
    })),
    url: `${origin}${routes.article.href(row.slug)}`,
    apiUrl: `${origin}${routes.apiArticle.href(row.slug)}`,
  };
}

type Cursor = { updatedAt: Date; id: number };

const encodeCursor = ({ updatedAt, id }: Cursor) =>
  Buffer.from(`${updatedAt.toISOString()}|${id}`, 'utf8').toString('base64url');

function decodeCursor(cursor: string): Cursor | null {
  const [at, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  const updatedAt = new Date(at ?? '');
  if (Number.isNaN(updatedAt.getTime()) || !/^\d{1,10}$/.test(id ?? '')) return null;
  return { updatedAt, id: Number(id) };
}

/** A page of published articles, newest update first; null when the cursor is not one this API gave. */
export async function listPublishedArticles(query: ArticleListQuery): Promise<ArticleList | null> {
  const cursor = query.cursor === undefined ? null : decodeCursor(query.cursor);
  if (query.cursor !== undefined && cursor === null) return null;
  const where: Prisma.ArticleWhereInput = {
    AND: [
      publicArticleWhere(),
      query.category ? { category: { slug: query.category } } : {},
      query.tag ? { tags: { some: { tag: { slug: query.tag } } } } : {},
      query.updated_since ? { updatedAt: { gte: new Date(query.updated_since) } } : {},
      cursor
        ? {
            OR: [{ updatedAt: { lt: cursor.updatedAt } }, { updatedAt: cursor.updatedAt, id: { lt: cursor.id } }],
          }
        : {},
    ],
  };
  const rows = await db().article.findMany({
    where,
    orderBy: [{ updatedAt: 'desc' }, { id: 'desc' }],
    take: query.limit + 1,
    select,
  });
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    data: page.map(toPublished),
    nextCursor: rows.length > query.limit && last ? encodeCursor(last) : null,
  };
}

/** One published article by its slug, or null (a draft, a future or a deleted article is null too). */
export async function readPublishedArticle(slug: string): Promise<PublishedArticle | null> {
  const row = await db().article.findFirst({ where: { ...publicArticleWhere(), slug }, select });
  return row ? toPublished(row) : null;
}

/** A strong ETag of an answer's body. */
export function etagOf(body: string): string {
  return `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
}

/** True when If-None-Match names this ETag (or `*`). */
export function notModified(ifNoneMatch: string | null, etag: string): boolean {
  if (!ifNoneMatch) return false;
  return ifNoneMatch
    .split(',')
    .map((tag) => tag.trim().replace(/^W\//, ''))
    .some((tag) => tag === etag || tag === '*');
}
