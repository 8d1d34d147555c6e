import { undoAction } from '@/app/admin/_actions/articles';
import { UnlessRefused } from './LiveArticleState.client';

const SAVED: Record<string, string> = {
  draft: '下書きを保存しました',
  publish: '公開しました',
  schedule: '予約公開を設定しました',
  unpublish: '公開を取り消しました',
  delete: '記事を削除しました（管理者が復元できます）',
  restore: '記事を下書きとして復元しました（公開するには、内容を確かめて公開してください）',
  revision: '選んだ版を復元しました（新しい版として保存）',
  import: '取り込んだ記事を下書きとして保存しました',
  correction: '訂正を追加しました',
  breaking: '速報バナーを出しました',
  'breaking-clear': '速報バナーを取り下げました',
};

/** What a saved action could not do yet (`?pending=cache`): the save itself is done (decision 0026). */
const PENDING: Record<string, string> = {
  cache:
    '保存は完了しています。ただし、キャッシュの失効がまだ済んでいません。自動で再試行し、公開ページには変更通知で反映されます。もう一度保存する必要はありません。',
};

/** What undo does after each action that can be undone, said on its button. */
const UNDO_LABELS = {
  unpublish: '元に戻す（もう一度公開する）',
  revision: '元に戻す（復元の前の版に戻す）',
  delete: '元に戻す（下書きとして復元する）',
} as const;

/** What the last action did (`?saved=publish`), or why it failed (`?error=…`), with undo where it can be undone. */
export function SaveNotice({
  saved,
  pending,
  error,
  articleId,
  undoVersion,
  isAdmin,
}: {
  saved?: string;
  /** What the saved action could not do yet, by key (PENDING). */
  pending?: string;
  error?: string;
  articleId?: number;
  /** After restoring a revision: the version it replaced. */
  undoVersion?: number;
  isAdmin?: boolean;
}) {
  const message = SAVED[saved ?? ''];
  const undo =
    articleId &&
    ((saved === 'unpublish' && 'unpublish') ||
      (saved === 'revision' && undoVersion && 'revision') ||
      (saved === 'delete' && isAdmin && 'delete'));
  return (
    <>
      {message ? (
        <UnlessRefused>
          <div
            role="status"
            className="mb-4 flex flex-wrap items-center gap-3 rounded border border-ok bg-ok-soft p-3 text-sm text-ok"
          >
            <p>{message}</p>
            {message && PENDING[pending ?? ''] ? <p className="w-full">{PENDING[pending ?? '']}</p> : null}
            {undo ? (
              <form action={undoAction}>
                <input type="hidden" name="id" value={articleId} />
                <input type="hidden" name="kind" value={undo} />
                {undo === 'revision' ? <input type="hidden" name="version" value={undoVersion} /> : null}
                <button type="submit" className="rounded border border-ok bg-paper px-3 py-1 font-bold text-ok">
                  {UNDO_LABELS[undo]}
                </button>
              </form>
            ) : null}
          </div>
        </UnlessRefused>
      ) : null}
      {error ? (
        <p role="alert" className="mb-4 rounded border border-danger p-3 text-sm text-danger">
          {error}
        </p>
      ) : null}
    </>
  );
}
