import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { ArticleBody } from '@/components/article/ArticleBody';
import { requireEditorPage } from '@/lib/auth/session';
import { previewArticle } from '@/lib/editorial/preview';
import { parseDatabaseId } from '@/lib/routes/query-params';
import { claimsForEditor } from '@/lib/articles/snapshots/store';
import { FactCheckPanel } from '@/components/admin/FactCheckPanel';

export const metadata: Metadata = { title: 'プレビュー' };

export default async function PreviewPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requireEditorPage();
  const id = parseDatabaseId((await params).id);
  const article = id === null ? null : await previewArticle(actor, id);
  if (!article) notFound();
  return (
    <>
      <p role="note" className="mb-4 rounded border border-accent p-3 text-sm">
        プレビュー：公開ページと同じ表示です。このページは編集部の外からは開けません。
      </p>
      <div className="bg-paper">
        <ArticleBody article={article} />
      </div>
      <FactCheckPanel claims={await claimsForEditor(actor, id!)} />
    </>
  );
}
