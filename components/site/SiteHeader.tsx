import Link from 'next/link';

export function SiteHeader() {
  return (
    <header className="site-header no-print border-b border-rule">
      <div className="mx-auto flex max-w-5xl items-baseline gap-3 px-4 py-3">
        <Link href="/" className="text-2xl font-bold tracking-wide text-ink no-underline">
          Kiji<span className="ml-1 text-base font-normal text-muted">記事</span>
        </Link>
        <p className="text-sm text-muted">AIが公的資料と報道から組み立てるニュース</p>
      </div>
    </header>
  );
}
