import Link from 'next/link';
import { z } from 'zod';
import { StatusLabel } from '@/components/admin/StatusLabel';
import { listCategories } from '@/lib/articles/public-reads';
import { requireEditorPage } from '@/lib/auth/session';
import { formatJapaneseDateTime } from '@/lib/format/dates';
import { listArticlesForAdmin } from '@/lib/editorial/editing';

const filterSchema = z.object({
  status: z.enum(['draft', 'scheduled', 'published', 'deleted']).optional().catch(undefined),
  category: z
    .string()
    .regex(/^[a-z0-9-]{1,50}$/)
    .optional()
    .catch(undefined),
  q: z.string().max(100).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
});

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function ArticleListPage({ searchParams }: Props) {
  const actor = await requireEditorPage();
  const raw = await searchParams;
  const filter = filterSchema.parse({
    status: raw.status || undefined,
    category: raw.category || undefined,
    q: raw.q || undefined,
    page: raw.page ?? 1,
  });
  const [{ rows, total, pageCount }, categories] = await Promise.all([
    listArticlesForAdmin(actor, filter),
    listCategories(),
  ]);
  const pageHref = (page: number) => {
    const params = new URLSearchParams(
      Object.entries({ ...filter, page: String(page) }).filter(([, v]) => v !== undefined) as [string, string][],
    );
    return `/admin?${params}`;
  };
  return (
    <>
      {raw.forbidden ? (
        <p role="alert" className="mb-4 rounded border border-red-700 p-3 text-sm">
          その操作は管理者だけが行えます。
        </p>
      ) : null}
      <div className="flex items-center justify-between">
        <h1 className="text-2xl font-bold">記事一覧</h1>
        <Link
          href="/admin/articles/new"
          className="rounded bg-accent px-4 py-2 text-sm font-bold text-paper no-underline"
        >
          新しい記事
        </Link>
      </div>
      <form method="get" className="mt-4 flex flex-wrap items-end gap-3 text-sm">
        <div>
          <label htmlFor="filter-status" className="block">
            状態
          </label>
          <select
            id="filter-status"
            name="status"
            defaultValue={filter.status ?? ''}
            className="rounded border border-rule bg-paper px-2 py-1"
          >
            <option value="">すべて</option>
            <option value="draft">下書き</option>
            <option value="scheduled">予約</option>
            <option value="published">公開中</option>
            <option value="deleted">削除済み</option>
          </select>
        </div>
        <div>
          <label htmlFor="filter-category" className="block">
            カテゴリ
          </label>
          <select
            id="filter-category"
            name="category"
            defaultValue={filter.category ?? ''}
            className="rounded border border-rule bg-paper px-2 py-1"
          >
            <option value="">すべて</option>
            {categories.map((category) => (
              <option key={category.slug} value={category.slug}>
                {category.name}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="filter-q" className="block">
            タイトル検索
          </label>
          <input
            id="filter-q"
            name="q"
            type="search"
            defaultValue={filter.q ?? ''}
            maxLength={100}
            className="rounded border border-rule bg-paper px-2 py-1"
          />
        </div>
        <button type="submit" className="rounded border border-rule px-3 py-1">
          絞り込む
        </button>
      </form>
      <p className="mt-4 text-sm text-muted">{total}件</p>
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
      {pageCount > 1 ? (
        <nav aria-label="ページ送り" className="mt-4 flex gap-3 text-sm">
          {filter.page > 1 ? <Link href={pageHref(filter.page - 1)}>前のページ</Link> : null}
          <span>
            {filter.page}／{pageCount}
          </span>
          {filter.page < pageCount ? <Link href={pageHref(filter.page + 1)}>次のページ</Link> : null}
        </nav>
      ) : null}
    </>
  );
}
