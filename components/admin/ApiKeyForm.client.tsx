'use client';

import { useActionState } from 'react';
import { createApiKeyAction, type ApiKeyFormState } from '@/app/admin/desk-actions';
import { API_SCOPES, API_SCOPE_LABELS } from '@/lib/routes/api-scopes';

const PAGE = '/admin/keys';
const input = 'mt-1 w-full rounded border border-rule bg-paper px-2 py-1';

/** Creates an integration key; the key is shown here once and never again. */
export function ApiKeyForm() {
  const [state, action, pending] = useActionState<ApiKeyFormState, FormData>(createApiKeyAction, {}, PAGE);
  return (
    <>
      {state.created ? (
        <div role="status" className="mt-3 rounded border border-ok bg-ok-soft p-3 text-sm">
          <p className="font-bold">連携キー「{state.created.name}」を作成しました。このキーは今だけ表示されます。</p>
          <p className="mt-1">控えてから、このページを離れてください。Kiji にはハッシュだけが残ります。</p>
          <label htmlFor="created-key" className="mt-2 block font-bold">
            連携キー
          </label>
          <input
            id="created-key"
            readOnly
            value={state.created.key}
            className={`${input} font-mono`}
            onFocus={(event) => event.currentTarget.select()}
          />
        </div>
      ) : null}
      <form action={action} className="mt-4 grid gap-3 rounded border border-rule p-4">
        <div>
          <label htmlFor="key-name" className="text-sm font-bold">
            名前（どの連携か）
          </label>
          <input id="key-name" name="name" required maxLength={100} className={input} />
        </div>
        <fieldset>
          <legend className="text-sm font-bold">権限</legend>
          <ul className="mt-1 grid gap-1 sm:grid-cols-2">
            {API_SCOPES.map((scope) => (
              <li key={scope}>
                <label className="flex items-center gap-2">
                  <input type="checkbox" name="scopes" value={scope} />
                  <span>
                    {API_SCOPE_LABELS[scope]} <code className="text-xs">{scope}</code>
                  </span>
                </label>
              </li>
            ))}
          </ul>
        </fieldset>
        <div>
          <label htmlFor="key-rate" className="text-sm font-bold">
            1分あたりの上限
          </label>
          <input
            id="key-rate"
            name="rateLimitPerMinute"
            type="number"
            min={1}
            max={100000}
            defaultValue={120}
            className={input}
          />
        </div>
        {state.error ? (
          <p role="alert" className="text-sm text-danger">
            {state.error}
          </p>
        ) : null}
        <div>
          <button type="submit" disabled={pending} className="rounded bg-accent px-4 py-2 font-bold text-paper">
            連携キーを作成
          </button>
        </div>
      </form>
    </>
  );
}
