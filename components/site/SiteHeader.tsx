import Link from 'next/link';
import { siteSections } from '@/lib/articles/category-defaults';
import { routes } from '@/lib/routes/registry';

/**
 * Where the reader is, for the navigation to mark: `exact` when the page is the section's own
 * first page (aria-current="page"), else a page within it, such as an article (aria-current="true").
 */
export type CurrentSection = { section: 'home' | (string & {}); exact: boolean };

function currentMark(current: CurrentSection | undefined, section: string) {
  if (current?.section !== section) return {};
  return { 'aria-current': current.exact ? ('page' as const) : ('true' as const), className: 'nav-current' };
}

export function SiteHeader({ current }: { current?: CurrentSection }) {
  const categories = siteSections();
  return (
    <header className="site-header no-print border-b border-rule">
      <div className="mx-auto flex max-w-5xl flex-wrap items-center justify-between gap-3 px-4 py-3">
        <div className="flex items-baseline gap-3">
          <Link href="/" className="text-2xl font-bold tracking-wide text-ink no-underline">
            Kiji<span className="ml-1 text-base font-normal text-muted">記事</span>
          </Link>
          <p className="hidden text-sm text-muted sm:block">AIが公的資料と報道から組み立てるニュース</p>
        </div>
        {/* A plain GET form: search works without JavaScript. */}
        <form action={routes.search.href()} method="get" role="search" aria-label="サイト内検索" className="flex gap-1">
          <label htmlFor="site-search" className="sr-only">
            記事を検索
          </label>
          <input
            id="site-search"
            name="q"
            type="search"
            maxLength={100}
            placeholder="記事を検索"
            className="w-40 rounded border border-rule bg-paper px-2 py-1 text-sm text-ink sm:w-56"
          />
          <button type="submit" className="rounded bg-accent px-3 py-1 text-sm text-paper">
            検索
          </button>
        </form>
      </div>
      <nav aria-label="カテゴリ" className="border-t border-rule">
        <ul className="mx-auto flex max-w-5xl gap-4 overflow-x-auto px-4 py-2 text-sm whitespace-nowrap">
          <li>
            <Link href="/" {...currentMark(current, 'home')}>
              トップ
            </Link>
          </li>
          {categories.map((category) => (
            <li key={category.slug}>
              <Link href={routes.category.href(category.slug)} {...currentMark(current, category.slug)}>
                {category.name}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
    </header>
  );
}
