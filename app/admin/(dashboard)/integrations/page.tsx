import type { Metadata } from 'next';
import Link from 'next/link';
import { WebhookForm } from '@/components/admin/WebhookForm.client';
import { setArticlesApiPublicAction } from '@/app/admin/integrations/actions';
import { requireAdminPage, requireRecentSignIn } from '@/lib/auth/session';
import { articlesApiIsPublic } from '@/lib/api/settings';
import { listWebhookEndpoints, WEBHOOK_EVENTS } from '@/lib/api/webhooks';
import { formatJapaneseDateTime } from '@/lib/format/dates';

export const metadata: Metadata = { title: 'Webhook と API' };

/** Webhook endpoints and the read API's switch (docs/decisions/0034): admins only. */
export default async function IntegrationsPage() {
  const actor = await requireAdminPage();
  await requireRecentSignIn('/admin/integrations');
  const [endpoints, open] = await Promise.all([listWebhookEndpoints(actor), articlesApiIsPublic()]);
  return (
    <>
      <h1 className="text-2xl font-bold">Webhook と API</h1>
      <p className="mt-2 text-sm">
        記事の公開・更新・訂正・取り下げ・削除と、入稿の状態の変化を、登録した URL に署名付きで知らせます（
        <code>Kiji-Signature: t=…,v1=…</code>）。内部のネットワークの URL には送りません。
      </p>
      <h2 className="mt-6 text-xl font-bold">Webhook を登録する</h2>
      <WebhookForm events={WEBHOOK_EVENTS} />
      <h2 className="mt-8 text-xl font-bold">登録済みの Webhook</h2>
      {endpoints.length === 0 ? (
        <p className="mt-2 text-sm">まだありません。</p>
      ) : (
        <ul className="mt-2 grid gap-3">
          {endpoints.map((endpoint) => (
            <li key={endpoint.id} className="rounded border border-rule p-3 text-sm break-words">
              <p className="font-bold">
                <Link href={`/admin/integrations/${endpoint.id}`} className="underline">
                  {endpoint.url}
                </Link>
                {endpoint.disabledAt ? <span className="ml-2 text-danger">停止中</span> : null}
              </p>
              <p className="mt-1">イベント：{endpoint.events.join(', ')}</p>
              <p className="mt-1 text-muted">
                {`登録：${formatJapaneseDateTime(endpoint.createdAt)}・秘密鍵 ${endpoint.secretHint}・届いた ${endpoint.delivered} 件・未達 ${endpoint.failing} 件`}
              </p>
            </li>
          ))}
        </ul>
      )}
      <h2 className="mt-8 text-xl font-bold">公開記事の API</h2>
      <p className="mt-2 text-sm">
        <code>GET /api/v1/articles</code> は、ふだんは権限 <code>articles:read</code>{' '}
        の連携キーで読めます。公開にすると、キーなしでも読めます（公開済みの記事だけです）。
      </p>
      <p className="mt-2 text-sm font-bold">{open ? '今はキーなしで読めます。' : '今は連携キーが必要です。'}</p>
      <form action={setArticlesApiPublicAction} className="mt-2">
        <input type="hidden" name="open" value={open ? '0' : '1'} />
        <button type="submit" className="rounded border border-rule px-3 py-1">
          {open ? '連携キーを必要にする' : 'キーなしで読めるようにする'}
        </button>
      </form>
    </>
  );
}
