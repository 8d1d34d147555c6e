import 'server-only';
import { assertMayEditArticles, type Actor } from '../auth/actor';
import { AUDIT_ACTION_LABELS, type AuditAction } from '../auth/audit';
import { db } from '../platform/db';
import type { ArticleFormValues, SaveIntent } from '../articles/input';
import { diffSnapshots, snapshotToFormValues, type DiffLine } from './revision-diff';
import { saveArticle, type SaveResult } from './save';

/** An article's revisions: the list, two compared, one restored (a save of its content). */

export type RevisionSummary = {
  version: number;
  createdAt: string;
  author: string;
  action: string | null;
  /** Made by a published correction: restoring anything older brings the error back. */
  corrects: boolean;
};

export async function listRevisions(actor: Actor, articleId: number): Promise<RevisionSummary[]> {
  assertMayEditArticles(actor);
  const rows = await db().articleRevision.findMany({
    where: { articleId },
    orderBy: { version: 'desc' },
    select: { version: true, createdAt: true, authorLabel: true, action: true },
  });
  return rows.map((row) => ({
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    author: row.authorLabel,
    action: row.action ? (AUDIT_ACTION_LABELS[row.action as AuditAction] ?? row.action) : null,
    corrects: row.action === 'article_correct',
  }));
}

async function revisionValues(articleId: number, version: number): Promise<ArticleFormValues | null> {
  const row = await db().articleRevision.findUnique({
    where: { articleId_version: { articleId, version } },
    select: { snapshot: true },
  });
  return row ? snapshotToFormValues(row.snapshot) : null;
}

export async function compareRevisions(
  actor: Actor,
  articleId: number,
  from: number,
  to: number,
): Promise<DiffLine[] | null> {
  assertMayEditArticles(actor);
  const [before, after] = await Promise.all([revisionValues(articleId, from), revisionValues(articleId, to)]);
  return before && after ? diffSnapshots(before, after) : null;
}

/** Restoring is itself a save: a new revision with the old content, status unchanged. */
export async function restoreRevision(actor: Actor, articleId: number, version: number): Promise<SaveResult> {
  assertMayEditArticles(actor);
  const values = await revisionValues(articleId, version);
  const current = await db().article.findUnique({ where: { id: articleId }, select: { version: true, status: true } });
  if (!values || !current) return { ok: false, message: '版が見つかりません', errors: {} };
  const intent: SaveIntent =
    current.status === 'published' ? 'publish' : current.status === 'scheduled' ? 'schedule' : 'draft';
  return saveArticle(actor, {
    id: articleId,
    baseVersion: current.version,
    intent,
    values,
    auditAction: 'article_revision_restore',
  });
}
