import Link from 'next/link';
import { SITE_TAGLINE, STANDARD_DISCLAIMER } from '@/lib/articles/text/site-text';
import { routes } from '@/lib/routes/registry';
import { config } from '@/lib/platform/config';

export function SiteFooter() {
  return (
    <footer className="site-footer mt-16 border-t border-rule text-sm text-muted print:mt-4">
      <div className="mx-auto max-w-5xl space-y-3 px-4 py-8">
        <p className="font-bold">{SITE_TAGLINE}</p>
        <p data-nosnippet="">{STANDARD_DISCLAIMER}</p>
        <nav aria-label="サイト情報" className="no-print">
          <ul className="flex flex-wrap gap-x-4 gap-y-1">
            <li>
              <Link href={routes.about.href()}>発行者について</Link>
            </li>
            <li>
              <Link href={routes.aboutAi.href()}>AI利用方針</Link>
            </li>
            <li>
              <Link href={routes.aboutCorrections.href()}>訂正方針</Link>
            </li>
            <li>
              <Link href={routes.corrections.href()}>訂正一覧</Link>
            </li>
            <li>
              <Link href={routes.contact.href()}>お問い合わせ</Link>
            </li>
            <li>
              <Link href={routes.privacy.href()}>プライバシーポリシー</Link>
            </li>
            <li>
              <Link href={routes.archiveIndex.href()}>記事アーカイブ</Link>
            </li>
            <li>
              <a href={routes.feed.href()}>RSS</a>
            </li>
            <li>
              <a href={routes.atom.href()}>Atom</a>
            </li>
          </ul>
        </nav>
        <p>
          発行：{config().SITE_NAME} 編集部（<Link href={routes.about.href()}>発行者について</Link>）・© Kiji —
          オープンソースのニュースサイト
        </p>
      </div>
    </footer>
  );
}
