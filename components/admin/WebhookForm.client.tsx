'use client';

import { useActionState } from 'react';
import { saveWebhookAction, type WebhookFormState } from '@/app/admin/integrations/actions';

const EVENT_LABELS: Record<string, string> = {
  'article.published': '記事の公開',
  'article.updated': '公開中の記事の更新',
  'article.corrected': '訂正',
  'article.unpublished': '公開の取り下げ',
  'article.deleted': '記事の削除',
  'submission.state_changed': '入稿の状態の変化',
};

const input = 'mt-1 w-full rounded border border-rule bg-paper px-2 py-1';

type Props = {
  events: readonly string[];
  /** An existing endpoint to change; absent, the form registers a new one. */
  endpoint?: { id: number; url: string; events: string[] };
};

/** Registers or changes a webhook endpoint; a secret Kiji makes is shown here once. */
export function WebhookForm({ events, endpoint }: Props) {
  const page = endpoint ? `/admin/integrations/${endpoint.id}` : '/admin/integrations';
  const [state, action, pending] = useActionState<WebhookFormState, FormData>(saveWebhookAction, {}, page);
  const prefix = endpoint ? `webhook-${endpoint.id}` : 'webhook-new';
  return (
    <>
      {state.saved ? (
        <div role="status" className="mt-3 rounded border border-ok bg-ok-soft p-3 text-sm">
          <p className="font-bold">{state.saved.message}</p>
          {state.saved.secret ? (
            <>
              <p className="mt-1">
                署名の秘密鍵は今だけ表示されます。受け手に設定してから、このページを離れてください。
              </p>
              <label htmlFor={`${prefix}-secret-shown`} className="mt-2 block font-bold">
                署名の秘密鍵
              </label>
              <input
                id={`${prefix}-secret-shown`}
                readOnly
                value={state.saved.secret}
                className={`${input} font-mono`}
                onFocus={(event) => event.currentTarget.select()}
              />
            </>
          ) : null}
          {endpoint ? null : (
            <p className="mt-2">
              <a href={`/admin/integrations/${state.saved.id}`} className="underline">
                配信の記録を見る
              </a>
            </p>
          )}
        </div>
      ) : null}
      <form action={action} className="mt-4 grid gap-3 rounded border border-rule p-4">
        {endpoint ? <input type="hidden" name="id" value={endpoint.id} /> : null}
        <div>
          <label htmlFor={`${prefix}-url`} className="text-sm font-bold">
            送り先の URL
          </label>
          <input
            id={`${prefix}-url`}
            name="url"
            type="url"
            required
            defaultValue={endpoint?.url}
            placeholder="https://example.com/kiji-webhook"
            className={input}
          />
        </div>
        <fieldset>
          <legend className="text-sm font-bold">知らせるイベント</legend>
          <ul className="mt-1 grid gap-1 sm:grid-cols-2">
            {events.map((event) => (
              <li key={event}>
                <label className="flex items-center gap-2">
                  <input
                    type="checkbox"
                    name="events"
                    value={event}
                    defaultChecked={endpoint ? endpoint.events.includes(event) : true}
                  />
                  <span>
                    {EVENT_LABELS[event] ?? event} <code className="text-xs">{event}</code>
                  </span>
                </label>
              </li>
            ))}
          </ul>
        </fieldset>
        <div>
          <label htmlFor={`${prefix}-secret`} className="text-sm font-bold">
            {endpoint
              ? '新しい署名の秘密鍵（24文字以上。空なら今のまま）'
              : '署名の秘密鍵（24文字以上。空なら Kiji が作ります）'}
          </label>
          <input id={`${prefix}-secret`} name="secret" autoComplete="off" minLength={24} className={input} />
        </div>
        {endpoint ? (
          <label className="flex items-center gap-2 text-sm">
            <input type="checkbox" name="rotate" />
            <span>秘密鍵を作り直す</span>
          </label>
        ) : null}
        {state.error ? (
          <p role="alert" className="text-sm text-danger">
            {state.error}
          </p>
        ) : null}
        <div>
          <button type="submit" disabled={pending} className="rounded bg-accent px-4 py-2 font-bold text-paper">
            {endpoint ? 'Webhook を変更' : 'Webhook を登録'}
          </button>
        </div>
      </form>
    </>
  );
}
