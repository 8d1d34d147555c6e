import type { Metadata } from 'next';
import Link from 'next/link';
import { SiteFooter } from '@/components/site/SiteFooter';
import { SiteHeader } from '@/components/site/SiteHeader';

/**
 * Next adds its own `noindex` to a 404; the site's `index, follow` from the root layout must not
 * stand beside it, and the page names itself rather than the site's default title.
 */
export const metadata: Metadata = { title: 'ページが見つかりません', robots: null };

export default function NotFound() {
  return (
    <>
      <SiteHeader />
      <main id="main" className="measure mx-auto px-4 py-12">
        <h1 className="text-2xl font-bold">ページが見つかりません</h1>
        <p className="mt-4">
          お探しの記事は、URL が変わったか、公開が終了した可能性があります。アドレスに誤りがないかご確認ください。
        </p>
        <p className="mt-6">
          <Link href="/">トップページで最新の記事を見る</Link>
        </p>
      </main>
      <SiteFooter />
    </>
  );
}
