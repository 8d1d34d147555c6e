'use client';

import { useActionState } from 'react';
import {
  confirmTwoFactorAction,
  startTwoFactorAction,
  turnOffTwoFactorAction,
  type TwoFactorState,
} from '@/app/admin/_actions/two-factor';
import { FormProblem, SIGN_IN_FIELD } from '@/components/admin/SignInFormParts';

/** The page's own URL as the forms' action (useActionState's permalink): React would write action="", which is invalid HTML. */
const PAGE = '/admin/two-factor';

const primary = 'rounded bg-accent px-4 py-2 font-bold text-paper';

function PasswordField({ id }: { id: string }) {
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-bold">
        パスワード
      </label>
      <input
        id={id}
        name="password"
        type="password"
        autoComplete="current-password"
        required
        className={SIGN_IN_FIELD}
      />
    </div>
  );
}

function SetUp() {
  const [started, start, starting] = useActionState<TwoFactorState, FormData>(startTwoFactorAction, {}, PAGE);
  const [confirmed, confirm, confirming] = useActionState<TwoFactorState, FormData>(confirmTwoFactorAction, {}, PAGE);
  if (!started.setUp) {
    return (
      <form action={start} className="mt-6 space-y-4">
        <FormProblem message={started.error} />
        <PasswordField id="setup-password" />
        <button type="submit" disabled={starting} className={primary}>
          設定を始める
        </button>
      </form>
    );
  }
  const { qrSvg, secret, recoveryCodes } = started.setUp;
  return (
    <div className="mt-6 space-y-6">
      <section aria-labelledby="scan">
        <h2 id="scan" className="text-lg font-bold">
          1. 認証アプリに登録する
        </h2>
        {/* eslint-disable-next-line @next/next/no-img-element -- a data URL made on the server, never fetched */}
        <img
          src={`data:image/svg+xml;base64,${btoa(qrSvg)}`}
          alt="認証アプリで読み取るQRコード"
          width={200}
          height={200}
          className="mt-2 bg-white"
        />
        <p className="mt-2 text-sm">
          読み取れないときは、このキーを入力してください：
          <code data-testid="totp-secret" className="break-all">
            {secret}
          </code>
        </p>
      </section>
      <section aria-labelledby="recovery">
        <h2 id="recovery" className="text-lg font-bold">
          2. 回復コードを保管する
        </h2>
        <p className="text-sm">
          認証アプリが使えなくなったとき、それぞれ一度だけログインに使えます。この画面を離れると二度と表示されません。
        </p>
        <ul data-testid="recovery-codes" className="mt-2 grid grid-cols-2 gap-1 font-mono">
          {recoveryCodes.map((code) => (
            <li key={code}>{code}</li>
          ))}
        </ul>
      </section>
      <form action={confirm} className="space-y-4">
        <h2 className="text-lg font-bold">3. 確認コードを入力する</h2>
        <FormProblem message={confirmed.error} />
        <div>
          <label htmlFor="setup-code" className="block text-sm font-bold">
            確認コード
          </label>
          <input
            id="setup-code"
            name="code"
            inputMode="numeric"
            autoComplete="one-time-code"
            pattern="[0-9]{6}"
            maxLength={6}
            required
            className={SIGN_IN_FIELD}
          />
        </div>
        <button type="submit" disabled={confirming} className={primary}>
          設定を完了する
        </button>
      </form>
    </div>
  );
}

function TurnOff() {
  const [state, action, pending] = useActionState<TwoFactorState, FormData>(turnOffTwoFactorAction, {}, PAGE);
  return (
    <form action={action} className="mt-6 space-y-4">
      <FormProblem message={state.error} />
      <PasswordField id="off-password" />
      <button type="submit" disabled={pending} className="rounded border border-rule bg-paper px-4 py-2">
        二段階認証を無効にする
      </button>
    </form>
  );
}

export function TwoFactorForms({ enabled, mayTurnOff }: { enabled: boolean; mayTurnOff: boolean }) {
  if (!enabled) return <SetUp />;
  return (
    <div className="mt-6">
      <p role="status" className="font-bold">
        二段階認証は有効です。
      </p>
      {mayTurnOff ? <TurnOff /> : null}
    </div>
  );
}
