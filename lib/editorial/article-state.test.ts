import { describe, expect, it } from 'vitest';
import { describeStateChange, stateChanges, type RevisionState } from './article-state';

const at = new Date('2026-12-06T03:20:00Z');
const revision = (version: number, action: string, extra: Partial<RevisionState> = {}): RevisionState => ({
  version,
  action,
  authorLabel: '編集者A',
  createdAt: at,
  status: null,
  deleted: null,
  ...extra,
});

describe('the changes of state since an editor’s version', () => {
  it('name an unpublish, a deletion and a restore, in order, each with who and when', () => {
    const changes = stateChanges([
      revision(1, 'article_publish', { status: 'published', deleted: false }),
      revision(2, 'article_edit', { status: 'published', deleted: false }),
      revision(3, 'article_unpublish', { status: 'draft', deleted: false }),
      revision(4, 'article_delete', { status: 'draft', deleted: true }),
      revision(5, 'article_restore', { status: 'draft', deleted: false }),
    ]);
    expect(changes.map((change) => [change.kind, change.version])).toEqual([
      ['unpublished', 3],
      ['deleted', 4],
      ['restored', 5],
    ]);
    expect(describeStateChange(changes[0]!)).toBe('編集者Aさんが12月6日 12:20にこの記事の公開を取り消しました');
  });

  it('read revisions from before the state was recorded by their action', () => {
    const changes = stateChanges([
      revision(1, 'article_schedule'),
      revision(2, 'article_edit'),
      revision(3, 'article_unpublish'),
    ]);
    expect(changes.map((change) => change.kind)).toEqual(['unscheduled']);
  });

  it('are none when only fields changed', () => {
    expect(
      stateChanges([
        revision(1, 'article_publish', { status: 'published', deleted: false }),
        revision(2, 'article_edit', { status: 'published', deleted: false }),
      ]),
    ).toEqual([]);
  });
});
