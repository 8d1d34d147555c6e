import 'server-only';
import { assertIsAdmin, assertMayEditArticles, type Actor } from '../auth/actor';
import { writeArticle } from '../articles/writer';
import { getArticleForEdit, saveArticle, type SaveResult } from './save';

/** An article's life beside its saves: deleted, restored, published again after an unpublish. */

/** Soft delete: gone from every public page and feed; an admin can restore it. */
export async function deleteArticle(actor: Actor, id: number): Promise<void> {
  assertMayEditArticles(actor);
  await writeArticle(actor, { id }, async (tx) => {
    await tx.article.update({ where: { id }, data: { deletedAt: new Date() } });
    return { articleId: id, action: 'article_delete' };
  });
}

/**
 * Brings a deleted article back as a draft, never live: whoever deleted it had a reason, and
 * putting it back in front of readers is a decision of its own (publish it from the editor).
 */
export async function restoreArticle(actor: Actor, id: number): Promise<void> {
  assertIsAdmin(actor);
  await writeArticle(actor, { id }, async (tx) => {
    await tx.article.update({ where: { id }, data: { deletedAt: null, status: 'draft' } });
    return { articleId: id, action: 'article_restore' };
  });
}

/**
 * Undoing an unpublish: the article as it stands, published again through the one writer (its
 * publication date is kept, so it returns to where it was in every list).
 */
export async function republishArticle(actor: Actor, articleId: number): Promise<SaveResult> {
  assertMayEditArticles(actor);
  const current = await getArticleForEdit(actor, articleId);
  if (!current || current.deleted) return { ok: false, message: '記事が見つかりません', errors: {} };
  return saveArticle(actor, { id: articleId, baseVersion: current.version, intent: 'publish', values: current.values });
}
