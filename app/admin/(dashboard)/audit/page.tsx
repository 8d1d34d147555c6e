import type { Metadata } from 'next';
import { AdminLink as Link } from '@/components/admin/AdminLink.client';
import { AuditFilters } from '@/components/admin/AuditFilters';
import { requireEditorPage } from '@/lib/auth/session';
import { formatJapaneseDateTime } from '@/lib/format/dates';
import { auditFilterSchema, auditQuery, listAudit } from '@/lib/editorial/audit-log';
import { AUDIT_ACTION_LABELS, type AuditAction } from '@/lib/auth/audit';

export const metadata: Metadata = { title: '監査ログ' };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function AuditPage({ searchParams }: Props) {
  const actor = await requireEditorPage();
  const filter = auditFilterSchema.parse(await searchParams);
  const { rows, pageCount, total } = await listAudit(actor, filter);
  return (
    <>
      <h1 className="text-2xl font-bold">監査ログ</h1>
      <AuditFilters filter={filter} />
      <p role="status" className="mt-3 text-sm">
        {total.toLocaleString('ja-JP')}件
      </p>
      <div className="overflow-x-auto">
        <table className="mt-2 w-full border-collapse text-sm">
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
                  {row.targetHref ? <Link href={row.targetHref}>{row.targetLabel}</Link> : row.targetLabel}
                </td>
                <td className="text-xs break-all">{row.summary}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <nav aria-label="ページ送り" className="mt-4 flex gap-3 text-sm">
        {filter.page > 1 ? <Link href={`/admin/audit${auditQuery(filter, filter.page - 1)}`}>新しい記録</Link> : null}
        {filter.page < pageCount ? (
          <Link href={`/admin/audit${auditQuery(filter, filter.page + 1)}`}>古い記録</Link>
        ) : null}
      </nav>
    </>
  );
}
