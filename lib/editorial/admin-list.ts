import 'server-only';
import { assertMayEditArticles, type Actor } from '../auth/actor';
import { db } from '../platform/db';
import type { Prisma } from '../generated/prisma/client';
import { normalizeForSearch, queryGrams } from '../articles/search-text';
import type { EditorialStatus } from './save';

/** The dashboard's article list: filtered, searched by title, a page at a time. */

export type AdminArticleRow = {
  id: number;
  slug: string;
  title: string;
  status: EditorialStatus;
  deleted: boolean;
  category: string;
  updatedAt: string;
  publishedAt: string | null;
  updatedBy: string | null;
};

export const ADMIN_PAGE_SIZE = 50;

export async function listArticlesForAdmin(
  actor: Actor,
  filter: { status?: EditorialStatus | 'deleted'; category?: string; author?: string; q?: string; page: number },
): Promise<{ rows: AdminArticleRow[]; total: number; pageCount: number }> {
  assertMayEditArticles(actor);
  const where: Prisma.ArticleWhereInput = {
    ...(filter.status === 'deleted'
      ? { deletedAt: { not: null } }
      : { deletedAt: null, ...(filter.status ? { status: filter.status } : {}) }),
    ...(filter.category ? { category: { slug: filter.category } } : {}),
    // An editor's articles: the ones they sign, and the ones they last saved.
    ...(filter.author ? { OR: [{ editorId: filter.author }, { updatedById: filter.author }] } : {}),
  };
  const words = filter.q ? normalizeForSearch(filter.q).split(' ').filter(Boolean).slice(0, 8) : [];
  if (words.length > 0) {
    // The title's own bigram index narrows the rows; the title must then contain every word.
    where.titleBigrams = { hasEvery: [...new Set(words.flatMap(queryGrams))] };
    where.AND = words.map((word) => ({ title: { contains: word, mode: 'insensitive' as const } }));
  }
  const [total, rows] = await Promise.all([
    db().article.count({ where }),
    db().article.findMany({
      where,
      orderBy: [{ updatedAt: 'desc' }, { id: 'desc' }],
      skip: (filter.page - 1) * ADMIN_PAGE_SIZE,
      take: ADMIN_PAGE_SIZE,
      select: {
        id: true,
        slug: true,
        title: true,
        status: true,
        deletedAt: true,
        updatedAt: true,
        publishedAt: true,
        category: { select: { name: true } },
        updatedBy: { select: { name: true } },
      },
    }),
  ]);
  return {
    total,
    pageCount: Math.max(1, Math.ceil(total / ADMIN_PAGE_SIZE)),
    rows: rows.map((row) => ({
      id: row.id,
      slug: row.slug,
      title: row.title,
      status: row.status,
      deleted: row.deletedAt !== null,
      category: row.category.name,
      updatedAt: row.updatedAt.toISOString(),
      publishedAt: row.publishedAt?.toISOString() ?? null,
      updatedBy: row.updatedBy?.name ?? null,
    })),
  };
}

/** Everyone who can write articles, for the article list's author filter. */
export async function listArticleAuthors(actor: Actor): Promise<{ id: string; name: string }[]> {
  assertMayEditArticles(actor);
  return db().user.findMany({
    where: { role: { in: ['admin', 'editor'] } },
    orderBy: { name: 'asc' },
    select: { id: true, name: true },
  });
}
