import 'server-only';
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { disclosureFromDb } from '../articles/disclosure';
import { publicArticleWhere } from '../articles/public';
import { articleDocumentSchema, disclosureSchema } from '../articles/text/document';
import { splitParagraphs } from '../format/normalize';
import { Prisma } from '../generated/prisma/client';
import { db } from '../platform/db';
import { siteUrl } from '../platform/config';
import { routes, routeParams } from '../routes/registry';

/**
 * The read API (docs/decisions/0034): published articles only — the one public definition,
 * `publicArticleWhere`, never a draft, a scheduled article before its time or a deleted one — in
 * the JSON shape of the import document (docs/article.schema.json) plus their public URLs.
 * Newest update first, paginated by an opaque cursor; filters by category, tag and
 * `updated_since`. Answers carry an ETag of their body; the route answers 304 to it.
 */

export const ARTICLES_PAGE_DEFAULT = 20;
export const ARTICLES_PAGE_MAX = 100;

/** The list's query parameters, validated. */
export const articleListQuerySchema = z
  .object({
    category: routeParams.categorySlug.optional(),
    tag: routeParams.tagSlug.optional(),
    updated_since: z.iso.datetime({ offset: true }).optional(),
    cursor: z
      .string()
      .max(200)
      .regex(/^[A-Za-z0-9_-]+$/)
      .optional(),
    limit: z.coerce.number().int().min(1).max(ARTICLES_PAGE_MAX).default(ARTICLES_PAGE_DEFAULT),
  })
  .strict();
export type ArticleListQuery = z.infer<typeof articleListQuerySchema>;

/** One published article: the import document's shape, every optional part present when it has one, and URLs. */
export const publishedArticleSchema = articleDocumentSchema.omit({ generation: true }).extend({
  slug: z.string(),
  category: z.string(),
  tags: z.array(z.string()),
  disclosure: disclosureSchema,
  publishedAt: z.iso.datetime({ offset: true }),
  updatedAt: z.iso.datetime({ offset: true }),
  version: z.number().int(),
  generation: z.object({
    model: z.string().nullable(),
    modelVersion: z.string().nullable(),
    promptTemplateVersion: z.string().nullable(),
    sourcesRetrievedAt: z.iso.datetime({ offset: true }).nullable(),
  }),
  corrections: z.array(
    z.object({ correctedAt: z.iso.datetime({ offset: true }), whatWasWrong: z.string(), whatChanged: z.string() }),
  ),
  /** The article's public page. */
  url: z.url(),
  /** This article in the read API. */
  apiUrl: z.url(),
});
export type PublishedArticle = z.infer<typeof publishedArticleSchema>;

export const articleListSchema = z.object({
  data: z.array(publishedArticleSchema),
  /** Pass as `cursor` for the next page; null on the last. */
  nextCursor: z.string().nullable(),
});
export type ArticleList = z.infer<typeof articleListSchema>;

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
    kind: row.kind === 'analysis' ? 'analysis' : 'news',
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
