import 'server-only';
import { z } from 'zod';
import { assertMayEditArticles, type Actor } from '../auth/actor';
import { audit, actorLabel } from '../auth/audit';
import { db } from '../platform/db';
import { recordEvent } from '../articles/outbox';
import { nearestDuplicate, type NearDuplicate } from '../articles/near-duplicates';
import type { ReviewState } from './submissions';

/**
 * The editors' side of the AI desk (docs/decisions/0030): the queue of submissions awaiting an
 * editor, oldest first, each with its sources count, its flags and the existing article it nearly
 * repeats; and the decisions — approve, request changes (with a note), reject — each with its note
 * and audit entry in one transaction. Publishing stays what it is: an editor opens the article and
 * publishes it from the editor.
 */

export type { NearDuplicate };

export type QueueItem = {
  id: string;
  articleId: number;
  title: string;
  state: ReviewState;
  source: string | null;
  externalId: string | null;
  keyName: string;
  revision: number;
  sourcesCount: number;
  flags: string[];
  receivedAt: Date;
  lastNote: string | null;
  duplicate: NearDuplicate | null;
};

const AWAITING: ReviewState[] = ['received', 'in_review'];
const QUEUE_SIZE = 100;

const queueSelect = {
  id: true,
  reviewState: true,
  source: true,
  externalId: true,
  revisions: true,
  flags: true,
  updatedAt: true,
  apiKey: { select: { name: true } },
  notes: { orderBy: { at: 'desc' }, take: 1, select: { note: true } },
  article: {
    select: { id: true, title: true, searchText: true, titleBigrams: true, _count: { select: { sources: true } } },
  },
} as const;

type QueueRow = Awaited<ReturnType<typeof queueRows>>[number];

async function queueRows(states: ReviewState[]) {
  return db().submission.findMany({
    where: { reviewState: { in: states }, article: { status: 'draft', deletedAt: null } },
    orderBy: [{ updatedAt: 'asc' }, { id: 'asc' }],
    take: QUEUE_SIZE,
    select: queueSelect,
  });
}

async function toItem(row: QueueRow): Promise<QueueItem> {
  return {
    id: row.id,
    articleId: row.article.id,
    title: row.article.title,
    state: row.reviewState as ReviewState,
    source: row.source,
    externalId: row.externalId,
    keyName: row.apiKey.name,
    revision: row.revisions,
    sourcesCount: row.article._count.sources,
    flags: row.flags,
    receivedAt: row.updatedAt,
    lastNote: row.notes[0]?.note ?? null,
    duplicate: await nearestDuplicate(row.article),
  };
}

/** Submissions awaiting an editor, oldest (last received) first; and those approved, awaiting publication. */
export async function listReviewQueue(actor: Actor): Promise<{ awaiting: QueueItem[]; approved: QueueItem[] }> {
  assertMayEditArticles(actor);
  if (actor.kind === 'integration') throw new Error('the review queue is for editors');
  const [awaiting, approved] = await Promise.all([queueRows(AWAITING), queueRows(['approved'])]);
  return { awaiting: await Promise.all(awaiting.map(toItem)), approved: await Promise.all(approved.map(toItem)) };
}

export const DECISIONS = ['approve', 'request_changes', 'reject'] as const;
export type Decision = (typeof DECISIONS)[number];

const DECIDED: Record<
  Decision,
  {
    state: ReviewState;
    from: ReviewState[];
    action: 'submission_approve' | 'submission_request_changes' | 'submission_reject';
    done: string;
  }
> = {
  approve: {
    state: 'approved',
    from: ['received', 'in_review', 'changes_requested'],
    action: 'submission_approve',
    done: '承認しました。記事を開いて公開してください',
  },
  request_changes: {
    state: 'changes_requested',
    from: ['received', 'in_review', 'approved'],
    action: 'submission_request_changes',
    done: '修正を依頼しました',
  },
  reject: {
    state: 'rejected',
    from: ['received', 'in_review', 'changes_requested', 'approved'],
    action: 'submission_reject',
    done: '却下しました',
  },
};

export const decisionSchema = z.object({
  id: z.uuid(),
  decision: z.enum(DECISIONS),
  note: z.string().trim().max(2000, 'メモは2000文字以内にしてください'),
});

export type DecisionResult = { ok: true; message: string } | { ok: false; message: string };

/** An editor's decision on a submission, with its note, audited in the same transaction. */
export async function decideSubmission(
  actor: Actor,
  input: { id: string; decision: Decision; note: string },
): Promise<DecisionResult> {
  assertMayEditArticles(actor);
  if (actor.kind === 'integration') return { ok: false, message: '連携キーでは判断できません' };
  const parsed = decisionSchema.safeParse(input);
  if (!parsed.success) return { ok: false, message: parsed.error.issues[0]!.message };
  const { id, decision, note } = parsed.data;
  const rule = DECIDED[decision];
  if (decision !== 'approve' && note === '') {
    return { ok: false, message: '修正の依頼と却下には、パイプラインに伝えるメモが必要です' };
  }
  return db().$transaction(async (tx) => {
    // Two editors deciding at once queue here; the second sees the first's state.
    await tx.$executeRaw`SELECT 1 FROM submissions WHERE id = ${id}::uuid FOR UPDATE`;
    const row = await tx.submission.findUnique({
      where: { id },
      select: { reviewState: true, articleId: true, article: { select: { status: true, deletedAt: true } } },
    });
    if (!row) return { ok: false, message: 'この入稿は見つかりません' };
    if (row.article.status !== 'draft' || row.article.deletedAt) {
      return { ok: false, message: 'この記事はすでに公開・予約・削除されています' };
    }
    if (!rule.from.includes(row.reviewState as ReviewState)) {
      return { ok: false, message: 'この入稿の状態は変わっています。一覧を読み込み直してください' };
    }
    await tx.submission.update({ where: { id }, data: { reviewState: rule.state } });
    await tx.submissionNote.create({
      data: {
        submissionId: id,
        decision,
        note,
        authorId: actor.kind === 'user' ? actor.userId : null,
        authorLabel: actor.kind === 'user' ? actor.name : actorLabel(actor),
      },
    });
    await audit(
      {
        actor,
        action: rule.action,
        targetType: 'submission',
        targetId: id,
        detail: { articleId: row.articleId, from: row.reviewState, to: rule.state, note },
      },
      tx,
    );
    await recordEvent(tx, 'submission.state_changed', {
      submissionId: id,
      articleId: row.articleId,
      state: rule.state,
    });
    return { ok: true, message: rule.done };
  });
}

/** An editor opens a received submission: it is in review from now on. */
export async function startReview(actor: Actor, id: string): Promise<number | null> {
  assertMayEditArticles(actor);
  if (actor.kind === 'integration') return null;
  if (!z.uuid().safeParse(id).success) return null;
  await db().submission.updateMany({ where: { id, reviewState: 'received' }, data: { reviewState: 'in_review' } });
  return (await db().submission.findUnique({ where: { id }, select: { articleId: true } }))?.articleId ?? null;
}
