import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { deleteArticleAction, restoreArticleAction } from '@/app/admin/actions';
import { ArticleForm } from '@/components/admin/ArticleForm.client';
import { StatusLabel } from '@/components/admin/StatusLabel';
import { listCategories } from '@/lib/articles';
import { requireEditorPage } from '@/lib/auth/session';
import { formatJapaneseDateTime } from '@/lib/dates';
import { getArticleForEdit } from '@/lib/editorial';

export const metadata: Metadata = { title: '記事の編集' };

const SAVED: Record<string, string> = {
  draft: '下書きを保存しました',
  publish: '公開しました',
  schedule: '予約公開を設定しました',
  unpublish: '公開を取り消しました',
  delete: '記事を削除しました（管理者が復元できます）',
  restore: '記事を復元しました',
  revision: '選んだ版を復元しました（新しい版として保存）',
  import: '取り込んだ記事を下書きとして保存しました',
};

type Props = { params: Promise<{ id: string }>; searchParams: Promise<{ saved?: string }> };

export default async function EditArticlePage({ params, searchParams }: Props) {
  const actor = await requireEditorPage();
  const id = Number((await params).id);
  const article = Number.isInteger(id) && id > 0 ? await getArticleForEdit(actor, id) : null;
  if (!article) notFound();
  const saved = SAVED[(await searchParams).saved ?? ''];
  return (
    <>
      {saved ? (
        <p role="status" className="mb-4 rounded border border-green-700 bg-green-50 p-3 text-sm text-green-900">
          {saved}
        </p>
      ) : null}
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="text-2xl font-bold">記事の編集</h1>
        <StatusLabel status={article.status} deleted={article.deleted} />
        <span className="text-sm text-muted">
          第{article.version}版・{formatJapaneseDateTime(new Date(article.updatedAt))}・{article.updatedBy ?? '—'}
        </span>
      </div>
      <p className="mt-2 flex flex-wrap gap-4 text-sm">
        <Link href={`/admin/articles/${article.id}/preview`}>プレビュー</Link>
        <Link href={`/admin/articles/${article.id}/revisions`}>変更履歴</Link>
        {article.status === 'published' && !article.deleted ? <a href={`/articles/${article.values.slug}`}>公開ページ</a> : null}
      </p>
      <ArticleForm key={article.version} id={article.id} version={article.version} status={article.status} initial={article.values} categories={await listCategories()} />
      <div className="mt-8 border-t border-rule pt-4">
        {article.deleted ? (
          actor.role === 'admin' ? (
            <form action={restoreArticleAction}>
              <input type="hidden" name="id" value={article.id} />
              <button type="submit" className="rounded border border-ink px-4 py-2">
                記事を復元する
              </button>
            </form>
          ) : (
            <p className="text-sm text-muted">削除済みの記事は管理者が復元できます。</p>
          )
        ) : (
          <form action={deleteArticleAction}>
            <input type="hidden" name="id" value={article.id} />
            <button type="submit" className="rounded border border-red-700 px-4 py-2 text-red-800">
              記事を削除する
            </button>
          </form>
        )}
      </div>
    </>
  );
}
