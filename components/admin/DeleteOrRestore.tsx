import { deleteArticleAction, restoreArticleAction } from '@/app/admin/_actions/articles';
import { ConfirmSubmit } from './ConfirmSubmit.client';

/** Delete for editors; for a deleted article, restore for admins. */
export function DeleteOrRestore({
  articleId,
  deleted,
  isAdmin,
}: {
  articleId: number;
  deleted: boolean;
  isAdmin: boolean;
}) {
  return (
    <div className="mt-8 border-t border-rule pt-4">
      {deleted ? (
        isAdmin ? (
          <form action={restoreArticleAction}>
            <input type="hidden" name="id" value={articleId} />
            <button type="submit" className="rounded border border-ink px-4 py-2">
              記事を復元する
            </button>
          </form>
        ) : (
          <p className="text-sm text-muted">削除済みの記事は管理者が復元できます。</p>
        )
      ) : (
        <form action={deleteArticleAction}>
          <input type="hidden" name="id" value={articleId} />
          <ConfirmSubmit
            title="この記事を削除しますか？"
            consequence="公開中なら、すぐにサイト・フィード・サイトマップから消えます。削除した記事は管理者が下書きとして復元できます。"
            confirmLabel="削除する"
            className="rounded border border-danger px-4 py-2 text-danger"
          >
            記事を削除する
          </ConfirmSubmit>
        </form>
      )}
    </div>
  );
}
