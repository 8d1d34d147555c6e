import type { Metadata } from 'next';
import { Breadcrumbs } from '@/components/site/Breadcrumbs';
import { SitePage } from '@/components/site/SitePage';
import { routes } from '@/lib/routes/registry';
import { pageMetadata } from '@/lib/crawlers/seo';

export const metadata: Metadata = {
  ...pageMetadata({
    title: 'お問い合わせを受け付けました',
    description: 'Kiji 編集部へのお問い合わせを受け付けました。',
    path: routes.contactSent.href(),
  }),
  robots: { index: false },
};

export default function ContactSentPage() {
  return (
    <SitePage>
      <div className="measure mx-auto px-4 pt-4 text-[1.0625rem]">
        <Breadcrumbs
          items={[
            { name: 'ホーム', href: '/' },
            { name: 'お問い合わせ', href: routes.contact.href() },
          ]}
        />
        <h1 className="mt-3 text-2xl font-bold">お問い合わせを受け付けました</h1>
        <p className="mt-4">ありがとうございました。編集部が読み、必要に応じてお返事します。</p>
        <p className="mt-4">
          <a href={routes.home.href()}>トップページへ戻る</a>
        </p>
      </div>
    </SitePage>
  );
}
