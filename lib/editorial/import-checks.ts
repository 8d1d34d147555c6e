import 'server-only';
import { db } from '../platform/db';
import { normalizeText } from '../format/normalize';

/**
 * What the editor should know before saving an import: the articles that already carry the same
 * title (a pipeline, or an editor pasting twice, sends the same story again), drafts and deleted
 * ones included, so that a second copy is made knowingly.
 */
export async function articlesTitled(title: string) {
  const rows = await db().article.findMany({
    where: { title: normalizeText(title) },
    select: { id: true, title: true, status: true, deletedAt: true },
    orderBy: { id: 'desc' },
    take: 5,
  });
  return rows.map((row) => ({ id: row.id, title: row.title, status: row.status, deleted: row.deletedAt !== null }));
}
