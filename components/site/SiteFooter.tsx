import Link from 'next/link';
import { SITE_TAGLINE, STANDARD_DISCLAIMER } from '@/lib/articles/text/site-text';

export function SiteFooter() {
  return (
    <footer className="site-footer mt-16 border-t border-rule text-sm text-muted print:mt-4">
      <div className="mx-auto max-w-5xl space-y-3 px-4 py-8">
        <p className="font-bold">{SITE_TAGLINE}</p>
        <p data-nosnippet="">{STANDARD_DISCLAIMER}</p>
        <nav aria-label="サイト情報" className="no-print">
          <ul className="flex flex-wrap gap-x-4 gap-y-1">
            <li>
              <Link href="/about/ai">AI利用方針</Link>
            </li>
            <li>
              <Link href="/about/corrections">訂正方針</Link>
            </li>
            <li>
              <Link href="/corrections">訂正一覧</Link>
            </li>
            <li>
              <Link href="/archive">記事アーカイブ</Link>
            </li>
            <li>
              <a href="/feed.xml">RSS</a>
            </li>
            <li>
              <a href="/atom.xml">Atom</a>
            </li>
          </ul>
        </nav>
        <p>© Kiji — オープンソースのニュースサイト</p>
      </div>
    </footer>
  );
}
