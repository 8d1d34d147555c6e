import type { Metadata } from 'next';
import { Breadcrumbs } from '@/components/site/Breadcrumbs';
import { SitePage } from '@/components/site/SitePage';
import { CONTACT_LIMITS } from '@/lib/editorial/contact-limits';
import { pageMetadata } from '@/lib/crawlers/seo';
import { routes } from '@/lib/routes/registry';
import { z } from 'zod';

export const metadata: Metadata = pageMetadata({
  title: 'お問い合わせ',
  description: '記事の誤りのご指摘、ご意見などを Kiji 編集部へ送るフォーム。',
  path: routes.contact.href(),
});

/** Why the last message was refused (the form's handler says so in ?error=), for the reader. */
const REFUSALS = {
  invalid: `お名前とお問い合わせの内容を入れてください。内容は${CONTACT_LIMITS.bodyLength.toLocaleString('ja-JP')}文字まで、メールアドレスは入れる場合は正しい形式でお願いします。`,
  'rate-limited': '短い時間に多くのお問い合わせが送られました。1時間ほどおいてから、もう一度お送りください。',
  busy: 'ただいまお問い合わせが混み合っています。時間をおいてお送りください。',
} as const;
const refusalParam = z.enum(Object.keys(REFUSALS) as [keyof typeof REFUSALS]).catch('invalid');

const field = 'mt-1 w-full rounded border border-rule bg-paper p-2 text-ink';

// A plain form posting to a route handler: it works without JavaScript, as every public page does.
export default async function ContactPage({ searchParams }: { searchParams: Promise<{ error?: string }> }) {
  const { error } = await searchParams;
  const refusal = error === undefined ? null : REFUSALS[refusalParam.parse(error)];
  return (
    <SitePage>
      <div className="measure mx-auto px-4 pt-4 text-[1.0625rem]">
        <Breadcrumbs items={[{ name: 'ホーム', href: '/' }, { name: 'お問い合わせ' }]} />
        <h1 className="mt-3 text-2xl font-bold">お問い合わせ</h1>
        <p className="mt-4">
          記事の誤りのご指摘、権利の侵害のご連絡、そのほかのご意見をお寄せください。編集部が読み、必要に応じてお返事します。誤りのご指摘には、記事の
          URL と該当箇所を添えてください。
        </p>
        {refusal && (
          <p role="alert" className="mt-4 rounded border-l-4 border-danger bg-note px-4 py-3 text-note-ink">
            {refusal}
          </p>
        )}
        <form action={routes.contactSend.href()} method="post" className="mt-6 space-y-4">
          <div>
            <label htmlFor="contact-name" className="font-bold">
              お名前（必須）
            </label>
            <input
              id="contact-name"
              name="name"
              required
              maxLength={CONTACT_LIMITS.nameLength}
              autoComplete="name"
              className={field}
            />
          </div>
          <div>
            <label htmlFor="contact-email" className="font-bold">
              メールアドレス（返信をご希望の場合）
            </label>
            <input
              id="contact-email"
              name="email"
              type="email"
              maxLength={CONTACT_LIMITS.emailLength}
              autoComplete="email"
              className={field}
            />
          </div>
          <div>
            <label htmlFor="contact-body" className="font-bold">
              お問い合わせの内容（必須）
            </label>
            <textarea
              id="contact-body"
              name="body"
              required
              rows={8}
              maxLength={CONTACT_LIMITS.bodyLength}
              className={field}
            />
          </div>
          {/* Left empty by people, who never see it; a bot that fills every field is refused. */}
          <div aria-hidden="true" className="hidden">
            <label htmlFor="contact-website">この欄は空のままにしてください</label>
            <input id="contact-website" name="website" tabIndex={-1} autoComplete="off" />
          </div>
          <p className="text-sm text-muted">
            送信いただいた内容の扱いは
            <a href={routes.privacy.href()}>プライバシーポリシー</a>
            をご覧ください。
          </p>
          <button type="submit" className="rounded bg-accent px-5 py-2 font-bold text-paper">
            送信する
          </button>
        </form>
      </div>
    </SitePage>
  );
}
