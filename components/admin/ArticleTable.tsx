import Link from 'next/link';
import type { AdminArticleRow } from '@/lib/editorial/editing';
import { formatJapaneseDateTime } from '@/lib/format/dates';
import { StatusLabel } from './StatusLabel';

export function ArticleTable({ rows }: { rows: AdminArticleRow[] }) {
  return (
    <table className="mt-2 w-full border-collapse text-sm">
      <thead>
        <tr className="border-b border-ink text-left">
          <th scope="col" className="py-2">
            タイトル
          </th>
          <th scope="col">状態</th>
          <th scope="col">カテゴリ</th>
          <th scope="col">更新</th>
          <th scope="col">更新者</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.id} className="border-b border-rule">
            <td className="py-2 pr-3">
              <Link href={`/admin/articles/${row.id}`}>{row.title}</Link>
            </td>
            <td>
              <StatusLabel status={row.status} deleted={row.deleted} />
            </td>
            <td>{row.category}</td>
            <td>
              <time dateTime={row.updatedAt}>{formatJapaneseDateTime(new Date(row.updatedAt))}</time>
            </td>
            <td>{row.updatedBy ?? '—'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
