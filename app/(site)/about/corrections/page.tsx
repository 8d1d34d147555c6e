import { SitePage } from '@/components/site/SitePage';
import { pageMetadata } from '@/lib/crawlers/seo';
import type { Metadata } from 'next';
import { Breadcrumbs } from '@/components/site/Breadcrumbs';

export const metadata: Metadata = pageMetadata({
  title: '訂正方針',
  description: 'Kiji が記事の誤りをどう訂正し、どう知らせるか。',
  path: '/about/corrections',
});

export default function CorrectionsPolicyPage() {
  return (
    <SitePage>
      <div className="measure mx-auto px-4 pt-4 text-[1.0625rem]">
        <Breadcrumbs items={[{ name: 'ホーム', href: '/' }, { name: '訂正方針' }]} />
        <h1 className="mt-3 text-2xl font-bold">訂正方針</h1>
        <div className="article-body mt-6">
          <p>
            Kiji
            は、記事に誤りが見つかった場合、内容を正したうえで、いつ・何が誤っていて・どう改めたかを記事の冒頭に明示します。黙って書き換えることはしません。
          </p>
          <p>訂正した記事は更新日時が新しくなり、検索エンジン向けの構造化データにも訂正の記録を含めます。</p>
          <p>誤りにお気づきの点があれば、記事の URL と該当箇所を添えてお知らせください。</p>
        </div>
      </div>
    </SitePage>
  );
}
