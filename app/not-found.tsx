import Link from 'next/link';
import { SiteFooter } from '@/components/site/SiteFooter';
import { SiteHeader } from '@/components/site/SiteHeader';

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
