import { AdminLink as Link } from '@/components/admin/AdminLink.client';
import type { AdminArticleRow } from '@/lib/editorial/admin-list';
import { formatJapaneseDateTime } from '@/lib/format/dates';
import { StatusLabel } from './StatusLabel';

/** On a phone each row is a card, its cells labelled (the header row is for screen readers there). */
const CELL = 'max-sm:block max-sm:before:mr-2 max-sm:before:text-muted max-sm:before:content-[attr(data-label)]';

export function ArticleTable({ rows }: { rows: AdminArticleRow[] }) {
  return (
    <table className="mt-2 w-full border-collapse text-sm max-sm:block">
      <thead className="max-sm:sr-only">
        <tr className="border-b border-ink text-left">
          <th scope="col" className="py-2">
            タイトル
          </th>
          <th scope="col">状態</th>
          <th scope="col">公開（予定）</th>
          <th scope="col">カテゴリ</th>
          <th scope="col">更新</th>
          <th scope="col">更新者</th>
        </tr>
      </thead>
      <tbody className="max-sm:block">
        {rows.map((row) => (
          <tr key={row.id} className="border-b border-rule max-sm:block max-sm:py-2">
            <td className="py-2 pr-3 max-sm:block max-sm:py-0 max-sm:text-base max-sm:font-bold">
              <Link href={`/admin/articles/${row.id}`}>{row.title}</Link>
            </td>
            <td className={CELL} data-label="状態">
              <StatusLabel status={row.status} deleted={row.deleted} />
            </td>
            <td className={CELL} data-label={row.status === 'scheduled' ? '公開予定' : '公開'}>
              {row.publishedAt && row.status !== 'draft' ? (
                <time dateTime={row.publishedAt} data-testid={row.status === 'scheduled' ? 'goes-live' : undefined}>
                  {row.status === 'scheduled' ? '予定 ' : ''}
                  {formatJapaneseDateTime(new Date(row.publishedAt))}
                </time>
              ) : (
                '—'
              )}
            </td>
            <td className={CELL} data-label="カテゴリ">
              {row.category}
            </td>
            <td className={CELL} data-label="更新">
              <time dateTime={row.updatedAt}>{formatJapaneseDateTime(new Date(row.updatedAt))}</time>
            </td>
            <td className={CELL} data-label="更新者">
              {row.updatedBy ?? '—'}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
