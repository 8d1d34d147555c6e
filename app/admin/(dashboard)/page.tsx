import { AdminLink as Link } from '@/components/admin/AdminLink.client';
import { z } from 'zod';
import { filterTextSchema } from '@/lib/routes/query-params';
import { ArticleFilters } from '@/components/admin/ArticleFilters';
import { ArticleTable } from '@/components/admin/ArticleTable';
import { listCategories } from '@/lib/articles/public-reads';
import { requireEditorPage } from '@/lib/auth/session';
import { listArticleAuthors, listArticlesForAdmin } from '@/lib/editorial/admin-list';

const filterSchema = z.object({
  status: z.enum(['draft', 'scheduled', 'published', 'deleted']).optional().catch(undefined),
  category: z
    .string()
    .regex(/^[a-z0-9-]{1,50}$/)
    .optional()
    .catch(undefined),
  author: filterTextSchema(100),
  q: filterTextSchema(100),
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
});

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function ArticleListPage({ searchParams }: Props) {
  const actor = await requireEditorPage();
  const raw = await searchParams;
  const filter = filterSchema.parse({
    status: raw.status || undefined,
    category: raw.category || undefined,
    author: raw.author || undefined,
    q: raw.q || undefined,
    page: raw.page ?? 1,
  });
  const [{ rows, total, pageCount }, categories, authors] = await Promise.all([
    listArticlesForAdmin(actor, filter),
    listCategories(),
    listArticleAuthors(actor),
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
        <p role="alert" className="mb-4 rounded border border-danger p-3 text-sm">
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
      <ArticleFilters filter={filter} categories={categories} authors={authors} />
      <p className="mt-4 text-sm text-muted">{total}件</p>
      <ArticleTable rows={rows} />
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
