import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { WebhookForm } from '@/components/admin/WebhookForm.client';
import { sendAgainAction, setWebhookDisabledAction } from '@/app/admin/integrations/actions';
import { requireAdminPage, requireRecentSignIn } from '@/lib/auth/session';
import { listDeliveries, listWebhookEndpoints, WEBHOOK_EVENTS, type DeliveryState } from '@/lib/api/webhooks';
import { formatJapaneseDateTime } from '@/lib/format/dates';

export const metadata: Metadata = { title: 'Webhook の配信記録' };

const STATE_LABELS: Record<DeliveryState, string> = {
  delivered: '届いた',
  pending: '送信待ち',
  retrying: '再試行中',
  given_up: '24時間で打ち切り',
};

/** One webhook endpoint: change it, stop it, and its delivery log with "send again". */
export default async function WebhookPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ done?: string; error?: string }>;
}) {
  const actor = await requireAdminPage();
  const { id: raw } = await params;
  await requireRecentSignIn(`/admin/integrations/${raw}`);
  const id = /^\d{1,9}$/.test(raw) ? Number(raw) : null;
  const endpoint = id === null ? undefined : (await listWebhookEndpoints(actor)).find((row) => row.id === id);
  if (!endpoint) notFound();
  const [deliveries, query] = await Promise.all([listDeliveries(actor, endpoint.id), searchParams]);
  return (
    <>
      <p className="text-sm">
        <Link href="/admin/integrations" className="underline">
          Webhook と API
        </Link>
      </p>
      <h1 className="mt-2 text-2xl font-bold break-words">{endpoint.url}</h1>
      {query.done ? (
        <p role="status" className="mt-3 rounded border border-ok bg-ok-soft p-2 text-sm">
          {query.done}
        </p>
      ) : null}
      {query.error ? (
        <p role="alert" className="mt-3 rounded border border-danger p-2 text-sm text-danger">
          {query.error}
        </p>
      ) : null}
      <p className="mt-2 text-sm">
        {endpoint.disabledAt ? `停止中（${formatJapaneseDateTime(endpoint.disabledAt)}から）` : '配信中'}・秘密鍵{' '}
        <code>{endpoint.secretHint}</code>
      </p>
      <form action={setWebhookDisabledAction} className="mt-2">
        <input type="hidden" name="id" value={endpoint.id} />
        <input type="hidden" name="disabled" value={endpoint.disabledAt ? '0' : '1'} />
        <button type="submit" className="rounded border border-rule px-3 py-1 text-sm">
          {endpoint.disabledAt ? 'この Webhook を再開する' : 'この Webhook を停止する'}
        </button>
      </form>
      <h2 className="mt-6 text-xl font-bold">変更する</h2>
      <WebhookForm events={WEBHOOK_EVENTS} endpoint={{ id: endpoint.id, url: endpoint.url, events: endpoint.events }} />
      <h2 className="mt-8 text-xl font-bold">配信の記録（新しい順、50件まで）</h2>
      {deliveries.length === 0 ? (
        <p className="mt-2 text-sm">まだありません。</p>
      ) : (
        <ul className="mt-2 grid gap-3">
          {deliveries.map((delivery) => (
            <li key={delivery.id} className="rounded border border-rule p-3 text-sm break-words">
              <article aria-label={`配信 ${delivery.eventType} ${delivery.eventId}`}>
                <p className="font-bold">
                  <code>{delivery.eventType}</code>・{STATE_LABELS[delivery.state]}
                </p>
                <p className="mt-1">
                  {`試行 ${delivery.attempts} 回・応答 ${delivery.lastStatus ?? 'なし'}`}
                  {delivery.lastError ? `・${delivery.lastError}` : ''}
                </p>
                <p className="mt-1 text-muted">
                  {`発生 ${formatJapaneseDateTime(delivery.createdAt)}`}
                  {delivery.lastAttemptAt ? `・最後の試行 ${formatJapaneseDateTime(delivery.lastAttemptAt)}` : ''}
                  {delivery.deliveredAt ? `・到達 ${formatJapaneseDateTime(delivery.deliveredAt)}` : ''}
                  {delivery.state === 'retrying' && delivery.nextAttemptAt
                    ? `・次の試行 ${formatJapaneseDateTime(delivery.nextAttemptAt)}`
                    : ''}
                </p>
                <p className="mt-1 text-muted">
                  イベント ID <code>{delivery.eventId}</code>
                </p>
                {endpoint.disabledAt ? null : (
                  <form action={sendAgainAction} className="mt-2">
                    <input type="hidden" name="endpointId" value={endpoint.id} />
                    <input type="hidden" name="deliveryId" value={delivery.id} />
                    <button type="submit" className="rounded border border-rule px-3 py-1">
                      もう一度送る
                    </button>
                  </form>
                )}
              </article>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
