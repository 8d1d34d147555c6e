import Link from 'next/link';
import { listingHref } from '@/lib/routes/registry';

/** Real links (?page=n), so crawlers and readers without JavaScript can page through. */
export function Pagination({
  base,
  page,
  pageCount,
  query,
}: {
  base: string;
  page: number;
  pageCount: number;
  query?: string;
}) {
  if (pageCount <= 1) return null;
  const href = (target: number) => {
    if (query === undefined) return listingHref(base, target);
    const params = new URLSearchParams({ q: query });
    if (target > 1) params.set('page', String(target));
    return `${base}?${params}`;
  };
  const nearby = [...new Set([1, page - 2, page - 1, page, page + 1, page + 2, pageCount])].filter(
    (n) => n >= 1 && n <= pageCount,
  );
  return (
    <nav aria-label="ページ送り" className="mt-8 flex flex-wrap items-center gap-2 text-sm">
      {page > 1 ? (
        <Link href={href(page - 1)} rel="prev" className="rounded border border-rule px-3 py-1">
          前のページ
        </Link>
      ) : null}
      {nearby.map((n) =>
        n === page ? (
          <span key={n} aria-current="page" className="rounded bg-ink px-3 py-1 text-paper">
            {n}
          </span>
        ) : (
          <Link key={n} href={href(n)} className="rounded border border-rule px-3 py-1">
            {n}
          </Link>
        ),
      )}
      {page < pageCount ? (
        <Link href={href(page + 1)} rel="next" className="rounded border border-rule px-3 py-1">
          次のページ
        </Link>
      ) : null}
    </nav>
  );
}
