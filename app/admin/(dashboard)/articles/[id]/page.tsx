import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { addCorrectionAction, deleteArticleAction, restoreArticleAction } from '@/app/admin/actions';
import { ArticleForm } from '@/components/admin/ArticleForm.client';
import { StatusLabel } from '@/components/admin/StatusLabel';
import { listCategories } from '@/lib/articles/public-reads';
import { requireEditorPage } from '@/lib/auth/session';
import { formatJapaneseDateTime } from '@/lib/format/dates';
import { getArticleForEdit, previewArticle } from '@/lib/editorial/editing';
import { sourceHealthForArticle } from '@/lib/articles/source-health';
import { routes } from '@/lib/routes/registry';

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
  correction: '訂正を追加しました',
};

const PROBLEMS = { broken: 'リンク切れ', moved: '転送', changed: '内容の変化' } as const;

type Props = { params: Promise<{ id: string }>; searchParams: Promise<{ saved?: string; error?: string }> };

export default async function EditArticlePage({ params, searchParams }: Props) {
  const actor = await requireEditorPage();
  const id = Number((await params).id);
  const article = Number.isInteger(id) && id > 0 ? await getArticleForEdit(actor, id) : null;
  if (!article) notFound();
  const query = await searchParams;
  const saved = SAVED[query.saved ?? ''];
  const [health, view] = await Promise.all([
    sourceHealthForArticle(actor, article.id),
    previewArticle(actor, article.id),
  ]);
  const uncited =
    view?.sections.filter((section) => section.cites.length === 0).map((section) => section.heading) ?? [];
  const flagged = health.filter((source) => source.problem);
  return (
    <>
      {saved ? (
        <p role="status" className="mb-4 rounded border border-green-700 bg-green-50 p-3 text-sm text-green-900">
          {saved}
        </p>
      ) : null}
      {query.error ? (
        <p role="alert" className="mb-4 rounded border border-red-700 p-3 text-sm text-red-800">
          {query.error}
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
        {article.status === 'published' && !article.deleted ? (
          <a href={routes.article.href(article.values.slug)}>公開ページ</a>
        ) : null}
      </p>
      {uncited.length > 0 || flagged.length > 0 ? (
        <section
          aria-labelledby="checks-heading"
          className="mt-4 rounded border border-[#a08a4a] bg-note p-3 text-sm text-note-ink"
        >
          <h2 id="checks-heading" className="font-bold">
            確認が必要な点
          </h2>
          <ul className="mt-1 list-disc pl-5">
            {uncited.map((heading) => (
              <li key={heading}>節「{heading}」は出典を示していません</li>
            ))}
            {flagged.map((source) => (
              <li key={source.position} data-testid="source-problem">
                出典{source.position}「{source.title}」：{PROBLEMS[source.problem!]}（{source.detail}）
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <ArticleForm
        key={article.version}
        id={article.id}
        version={article.version}
        status={article.status}
        initial={article.values}
        categories={await listCategories()}
      />
      {article.status === 'published' && !article.deleted ? (
        <section aria-labelledby="correction-heading" className="mt-8 border-t border-rule pt-4">
          <h2 id="correction-heading" className="text-lg font-bold">
            訂正を追加
          </h2>
          <p className="text-sm text-muted">
            本文を直したうえで、何が誤っていて何を改めたかを記録します。記事の冒頭と訂正一覧に表示されます。
          </p>
          <form action={addCorrectionAction} className="mt-2 grid gap-3">
            <input type="hidden" name="id" value={article.id} />
            <label className="text-sm font-bold">
              誤っていた内容
              <input
                name="whatWasWrong"
                required
                maxLength={1000}
                className="mt-1 w-full rounded border border-rule bg-paper px-2 py-1 font-normal"
              />
            </label>
            <label className="text-sm font-bold">
              訂正した内容
              <input
                name="whatChanged"
                required
                maxLength={1000}
                className="mt-1 w-full rounded border border-rule bg-paper px-2 py-1 font-normal"
              />
            </label>
            <label className="text-sm font-bold">
              訂正前の文（任意）
              <textarea
                name="beforeText"
                rows={2}
                className="mt-1 w-full rounded border border-rule bg-paper px-2 py-1 font-normal"
              />
            </label>
            <label className="text-sm font-bold">
              訂正後の文（任意）
              <textarea
                name="afterText"
                rows={2}
                className="mt-1 w-full rounded border border-rule bg-paper px-2 py-1 font-normal"
              />
            </label>
            <div>
              <button type="submit" className="rounded border border-red-800 px-4 py-2 text-red-900">
                訂正を記録する
              </button>
            </div>
          </form>
          {view && view.corrections.length > 0 ? (
            <ul className="mt-3 list-disc pl-5 text-sm">
              {view.corrections.map((correction, index) => (
                <li key={index}>
                  {formatJapaneseDateTime(new Date(correction.correctedAt))}：{correction.whatWasWrong} →{' '}
                  {correction.whatChanged}
                </li>
              ))}
            </ul>
          ) : null}
        </section>
      ) : null}
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
