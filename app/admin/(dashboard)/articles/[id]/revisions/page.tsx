import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { restoreRevisionAction } from '@/app/admin/actions';
import { requireEditorPage } from '@/lib/auth/session';
import { formatJapaneseDateTime } from '@/lib/format/dates';
import { compareRevisions, listRevisions } from '@/lib/editorial/editing';

export const metadata: Metadata = { title: '変更履歴' };

type Props = { params: Promise<{ id: string }>; searchParams: Promise<{ from?: string; to?: string; error?: string }> };

export default async function RevisionsPage({ params, searchParams }: Props) {
  const actor = await requireEditorPage();
  const id = Number((await params).id);
  if (!Number.isInteger(id) || id <= 0) notFound();
  const revisions = await listRevisions(actor, id);
  const query = await searchParams;
  const from = Number(query.from ?? revisions[1]?.version ?? 0);
  const to = Number(query.to ?? revisions[0]?.version ?? 0);
  const diff = from && to ? await compareRevisions(actor, id, from, to) : null;
  return (
    <>
      <h1 className="text-2xl font-bold">変更履歴</h1>
      <p className="mt-1 text-sm">
        <Link href={`/admin/articles/${id}`}>記事の編集に戻る</Link>
      </p>
      {query.error ? (
        <p role="alert" className="mt-3 text-sm text-red-700">
          {query.error}
        </p>
      ) : null}
      {revisions.length === 0 ? <p className="mt-4">まだ履歴はありません。</p> : null}
      <form method="get" className="mt-4">
        <table className="w-full border-collapse text-sm">
          <thead>
            <tr className="border-b border-ink text-left">
              <th scope="col">版</th>
              <th scope="col">保存日時</th>
              <th scope="col">保存した人</th>
              <th scope="col">操作</th>
              <th scope="col">比較元</th>
              <th scope="col">比較先</th>
            </tr>
          </thead>
          <tbody>
            {revisions.map((revision) => (
              <tr key={revision.version} className="border-b border-rule">
                <td className="py-2">第{revision.version}版</td>
                <td>{formatJapaneseDateTime(new Date(revision.createdAt))}</td>
                <td>{revision.author}</td>
                <td>{revision.action ?? '—'}</td>
                <td>
                  <input
                    type="radio"
                    name="from"
                    value={revision.version}
                    defaultChecked={revision.version === from}
                    aria-label={`第${revision.version}版を比較元にする`}
                  />
                </td>
                <td>
                  <input
                    type="radio"
                    name="to"
                    value={revision.version}
                    defaultChecked={revision.version === to}
                    aria-label={`第${revision.version}版を比較先にする`}
                  />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {revisions.length > 1 ? (
          <button type="submit" className="mt-3 rounded border border-rule px-3 py-1 text-sm">
            比較する
          </button>
        ) : null}
      </form>
      {diff ? (
        <section aria-labelledby="diff-heading" className="mt-6">
          <h2 id="diff-heading" className="text-lg font-bold">
            第{from}版 → 第{to}版の差分
          </h2>
          <pre className="mt-2 overflow-auto rounded border border-rule p-3 text-xs whitespace-pre-wrap">
            {diff.map((line, index) => (
              <span
                key={index}
                className={
                  line.kind === 'added'
                    ? 'block bg-green-100 text-green-900'
                    : line.kind === 'removed'
                      ? 'block bg-red-100 text-red-900'
                      : 'block'
                }
              >
                {line.kind === 'added' ? '+ ' : line.kind === 'removed' ? '- ' : '  '}
                {line.text}
              </span>
            ))}
          </pre>
        </section>
      ) : null}
      <section aria-labelledby="restore-heading" className="mt-6">
        <h2 id="restore-heading" className="text-lg font-bold">
          版を復元する
        </h2>
        <p className="text-sm text-muted">復元は新しい版として保存されます。公開状態は変わりません。</p>
        <ul className="mt-2 flex flex-wrap gap-2">
          {revisions.slice(1).map((revision) => (
            <li key={revision.version}>
              <form action={restoreRevisionAction}>
                <input type="hidden" name="id" value={id} />
                <input type="hidden" name="version" value={revision.version} />
                <button type="submit" className="rounded border border-ink px-3 py-1 text-sm">
                  第{revision.version}版を復元
                </button>
              </form>
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}
