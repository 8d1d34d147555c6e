import type { Metadata } from 'next';
import { AdminLink as Link } from '@/components/admin/AdminLink.client';
import { notFound } from 'next/navigation';
import { ArticleChecks } from '@/components/admin/ArticleChecks';
import { CorrectionForm } from '@/components/admin/CorrectionForm';
import { BreakingForm } from '@/components/admin/BreakingForm';
import { currentBreaking } from '@/lib/editorial/breaking';
import { DeleteOrRestore } from '@/components/admin/DeleteOrRestore';
import { SaveNotice } from '@/components/admin/SaveNotice';
import { ArticleForm } from '@/components/admin/ArticleForm.client';
import { LiveArticleState, LiveStatusLabel } from '@/components/admin/LiveArticleState.client';
import { articleFormChoices } from '@/lib/editorial/form-choices';
import { keyForArticle, readAutosave } from '@/lib/editorial/autosave';
import { requireEditorPage } from '@/lib/auth/session';
import { formatJapaneseDateTime } from '@/lib/format/dates';
import { getArticleForEdit } from '@/lib/editorial/save';
import { previewArticle } from '@/lib/editorial/preview';
import { sourceHealthForArticle } from '@/lib/articles/source-health';
import { claimsForEditor } from '@/lib/articles/snapshots/store';
import { FactCheckPanel } from '@/components/admin/FactCheckPanel';
import { routes } from '@/lib/routes/registry';
import { parseDatabaseId } from '@/lib/routes/query-params';

export const metadata: Metadata = { title: '記事の編集' };

type Props = {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ saved?: string; error?: string; undo?: string; pending?: string }>;
};

export default async function EditArticlePage({ params, searchParams }: Props) {
  const actor = await requireEditorPage();
  const id = parseDatabaseId((await params).id);
  const article = id === null ? null : await getArticleForEdit(actor, id);
  if (!article) notFound();
  const query = await searchParams;
  const [health, view, autosaved, claims] = await Promise.all([
    sourceHealthForArticle(actor, article.id),
    previewArticle(actor, article.id),
    readAutosave(actor, keyForArticle(article.id), article.values),
    claimsForEditor(actor, article.id),
  ]);
  const uncited =
    view?.sections.filter((section) => section.cites.length === 0).map((section) => section.heading) ?? [];
  const flagged = health.filter((source) => source.problem);
  return (
    // Each version starts from the state as stored (a save's redirect renders the page anew).
    <LiveArticleState key={article.version} initial={{ status: article.status, deleted: article.deleted }}>
      <SaveNotice
        saved={query.saved}
        pending={query.pending}
        error={query.error}
        articleId={article.id}
        undoVersion={Number(query.undo) > 0 ? Number(query.undo) : undefined}
        isAdmin={actor.role === 'admin'}
      />
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="text-2xl font-bold">記事の編集</h1>
        <LiveStatusLabel />
        <span className="text-sm text-muted">
          第{article.version}版・{formatJapaneseDateTime(new Date(article.updatedAt))}・{article.updatedBy ?? '—'}
        </span>
      </div>
      <p className="mt-2 flex flex-wrap gap-4 text-sm">
        <Link href={`/admin/articles/${article.id}/preview`}>プレビュー</Link>
        <Link href={`/admin/articles/${article.id}/revisions`}>変更履歴</Link>
        {article.values.kind === 'live' ? (
          <Link href={`/admin/articles/${article.id}/live`} className="font-bold">
            ライブの更新を投稿する
          </Link>
        ) : null}
        {article.status === 'published' && !article.deleted ? (
          <a href={routes.article.href(article.values.slug)}>公開ページ</a>
        ) : null}
      </p>
      <ArticleChecks uncited={uncited} flagged={flagged} />
      <FactCheckPanel claims={claims} />
      <ArticleForm
        key={article.version}
        id={article.id}
        version={article.version}
        status={article.status}
        deleted={article.deleted}
        initial={article.values}
        choices={await articleFormChoices(actor)}
        autosaved={autosaved}
      />
      {article.status === 'published' && !article.deleted ? (
        <>
          <CorrectionForm articleId={article.id} corrections={view?.corrections ?? []} />
          <BreakingForm
            slug={article.values.slug}
            title={article.values.title}
            back={`/admin/articles/${article.id}`}
            current={await currentBreaking(actor)}
          />
        </>
      ) : null}
      <DeleteOrRestore articleId={article.id} deleted={article.deleted} isAdmin={actor.role === 'admin'} />
    </LiveArticleState>
  );
}
