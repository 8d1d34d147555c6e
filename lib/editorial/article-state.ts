/**
 * An article's state beside its fields: draft, scheduled or published, and deleted or not. A save
 * made from an older version can undo a change of state as surely as a change of a field (an
 * unpublished story put back online), so a conflict names every change of state made since the
 * editor's version, by whom and when (decision 0024). Pure: shared by the server and the form.
 */

export type ArticleStatus = 'draft' | 'scheduled' | 'published';
export type ArticleState = { status: ArticleStatus; deleted: boolean };

export type StateChangeKind = 'published' | 'scheduled' | 'unpublished' | 'unscheduled' | 'deleted' | 'restored';

/** One change of state made by a revision: who made it and when (an ISO time). */
export type StateChange = { kind: StateChangeKind; version: number; by: string; at: string };

/** Who took the article down and when: publishing it again needs a confirmation that says so. */
export type Unpublished = { version: number; by: string; at: string };

/** A revision as far as its state goes; `status`/`deleted` are null for revisions older than 0024. */
export type RevisionState = {
  version: number;
  action: string | null;
  authorLabel: string;
  createdAt: Date;
  status: ArticleStatus | null;
  deleted: boolean | null;
};

/** For revisions written before the state was recorded: what their action tells of it. */
function inferred(revision: RevisionState, previous: ArticleState | null): ArticleState | null {
  if (revision.status !== null && revision.deleted !== null)
    return { status: revision.status, deleted: revision.deleted };
  switch (revision.action) {
    case 'article_publish':
      return { status: 'published', deleted: false };
    case 'article_schedule':
      return { status: 'scheduled', deleted: false };
    case 'article_unpublish':
    case 'article_restore':
      return { status: 'draft', deleted: false };
    case 'article_delete':
      return previous ? { ...previous, deleted: true } : { status: 'draft', deleted: true };
    default:
      return previous;
  }
}

function kindOf(before: ArticleState, after: ArticleState): StateChangeKind | null {
  if (!before.deleted && after.deleted) return 'deleted';
  if (before.deleted && !after.deleted) return 'restored';
  if (before.status === after.status) return null;
  if (after.status === 'published') return 'published';
  if (after.status === 'scheduled') return 'scheduled';
  return before.status === 'published' ? 'unpublished' : 'unscheduled';
}

/**
 * The changes of state from the first revision given (the editor's version) to the last, in order.
 * Revisions must be sorted by version, the editor's own first.
 */
export function stateChanges(revisions: RevisionState[]): StateChange[] {
  const changes: StateChange[] = [];
  let previous: ArticleState | null = null;
  revisions.forEach((revision, index) => {
    const state = inferred(revision, previous);
    if (index > 0 && state) {
      const kind = previous ? kindOf(previous, state) : null;
      if (kind)
        changes.push({
          kind,
          version: revision.version,
          by: revision.authorLabel,
          at: revision.createdAt.toISOString(),
        });
    }
    previous = state;
  });
  return changes;
}

/** 「12月6日 3:20」 in Japan time: when a change was made, on the day it matters. */
export function whenLabel(iso: string): string {
  return new Date(iso).toLocaleString('ja-JP', {
    timeZone: 'Asia/Tokyo',
    month: 'long',
    day: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
  });
}

const VERBS: Record<StateChangeKind, string> = {
  published: 'この記事を公開しました',
  scheduled: 'この記事の予約公開を設定しました',
  unpublished: 'この記事の公開を取り消しました',
  unscheduled: 'この記事の予約公開を取り消しました',
  deleted: 'この記事を削除しました',
  restored: 'この記事を削除から下書きとして復元しました',
};

/** 「編集者Aさんが12月6日 3:20に公開を取り消しました」 */
export function describeStateChange(change: StateChange): string {
  return `${change.by}さんが${whenLabel(change.at)}に${VERBS[change.kind]}`;
}

/** What the article is now, in the words of its status label. */
export function stateLabel(state: ArticleState): string {
  if (state.deleted) return '削除済み';
  return { draft: '下書き（公開されていません）', scheduled: '予約公開', published: '公開中' }[state.status];
}

/** The question the pre-publish dialog asks when someone else took the article down. */
export function republishWarning(unpublished: Unpublished): string {
  return `${unpublished.by}さんが${whenLabel(unpublished.at)}にこの記事の公開を取り消しました。もう一度公開してよいか確かめてください。`;
}
