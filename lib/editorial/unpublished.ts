import 'server-only';
import type { Actor } from '../auth/actor';
import type { Prisma } from '../generated/prisma/client';
import type { ArticleStatus, Unpublished } from './article-state';

/**
 * Whether an article was taken down by someone else (decision 0024), which the save, the editor's
 * page and the pre-publish checklist ask. The last time someone other than `actor` took the article down, while it is still down: a
 * publish must then be confirmed by an editor who was told who did it and when.
 */
export async function unpublishedBySomeoneElse(
  tx: Prisma.TransactionClient,
  article: { id: number; status: ArticleStatus; deletedAt: Date | null },
  actor: Actor,
): Promise<Unpublished | null> {
  // The scheduler and the command line act on an editor's instruction; the rule is for editors.
  if (actor.kind !== 'user' || article.status !== 'draft' || article.deletedAt) return null;
  const last = await tx.articleRevision.findFirst({
    where: { articleId: article.id, action: 'article_unpublish' },
    orderBy: { version: 'desc' },
    select: { version: true, authorId: true, authorLabel: true, createdAt: true },
  });
  if (!last || last.authorId === actor.userId) return null;
  return { version: last.version, by: last.authorLabel, at: last.createdAt.toISOString() };
}
