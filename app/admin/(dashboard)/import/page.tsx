import type { Metadata } from 'next';
import { ImportForm } from '@/components/admin/ImportForm.client';
import { requireEditorPage } from '@/lib/auth/session';

export const metadata: Metadata = { title: '記事の取り込み' };

export default async function ImportPage({ searchParams }: { searchParams: Promise<{ error?: string }> }) {
  await requireEditorPage();
  const { error } = await searchParams;
  return (
    <>
      <h1 className="text-2xl font-bold">記事の取り込み</h1>
      <p className="mt-2 text-sm text-muted">
        編集部の文章形式（題名、注記、リード、見出しと段落、参考・出典）、Markdown、JSON を読み取ります。`npm run
        import` と同じ読み取り方です。
      </p>
      {error ? (
        <p role="alert" className="mt-3 text-sm text-danger">
          {error}
        </p>
      ) : null}
      <ImportForm />
    </>
  );
}
