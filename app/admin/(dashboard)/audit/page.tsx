import type { Metadata } from 'next';
import Link from 'next/link';
import { requireEditorPage } from '@/lib/auth/session';
import { formatJapaneseDateTime } from '@/lib/format/dates';
import { listAudit } from '@/lib/editorial/editing';
import { AUDIT_ACTION_LABELS, type AuditAction } from '@/lib/editorial/audit';

export const metadata: Metadata = { title: '監査ログ' };

export default async function AuditPage({ searchParams }: { searchParams: Promise<{ page?: string }> }) {
  const actor = await requireEditorPage();
  const page = Math.max(1, Math.min(100_000, Number((await searchParams).page) || 1));
  const { rows, pageCount } = await listAudit(actor, page);
  return (
    <>
      <h1 className="text-2xl font-bold">監査ログ</h1>
      <table className="mt-4 w-full border-collapse text-sm">
        <thead>
          <tr className="border-b border-ink text-left">
            <th scope="col">日時</th>
            <th scope="col">誰が</th>
            <th scope="col">何を</th>
            <th scope="col">対象</th>
            <th scope="col">詳細</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.id} className="border-b border-rule align-top">
              <td className="py-1 pr-2 whitespace-nowrap">{formatJapaneseDateTime(new Date(row.at))}</td>
              <td className="pr-2">{row.actor}</td>
              <td className="pr-2">{AUDIT_ACTION_LABELS[row.action as AuditAction] ?? row.action}</td>
              <td className="pr-2">
                {row.target?.startsWith('article:') ? (
                  <Link href={`/admin/articles/${row.target.slice(8)}`}>{row.target}</Link>
                ) : (
                  row.target
                )}
              </td>
              <td className="font-mono text-xs break-all">{row.detail}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <nav aria-label="ページ送り" className="mt-4 flex gap-3 text-sm">
        {page > 1 ? <Link href={`/admin/audit?page=${page - 1}`}>新しい記録</Link> : null}
        {page < pageCount ? <Link href={`/admin/audit?page=${page + 1}`}>古い記録</Link> : null}
      </nav>
    </>
  );
}
