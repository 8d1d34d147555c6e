'use client';

import { useActionState } from 'react';
import { loginAction, signInCodeAction, type LoginState } from '@/app/admin/_actions/sign-in';
import { FormProblem, SIGN_IN_FIELD } from '@/components/admin/SignInFormParts';

/** The page's own URL as the forms' action (useActionState's permalink): React would write action="", which is invalid HTML. */
const SIGN_IN_PERMALINK = '/admin/login';

/** The second step, for accounts with two-factor sign-in: the app's code, or a recovery code. */
function CodeStep({ next }: { next?: string }) {
  const [state, action, pending] = useActionState<LoginState, FormData>(
    signInCodeAction,
    { step: 'code', next },
    SIGN_IN_PERMALINK,
  );
  return (
    <div className="mt-6 space-y-6">
      <form action={action} className="space-y-4">
        <FormProblem message={state.error} />
        <input type="hidden" name="next" value={next ?? ''} />
        <input type="hidden" name="kind" value="totp" />
        <div>
          <label htmlFor="code" className="block text-sm font-bold">
            確認コード
          </label>
          <p id="code-hint" className="text-sm">
            認証アプリに表示されている6桁の数字
          </p>
          <input
            id="code"
            name="code"
            inputMode="numeric"
            autoComplete="one-time-code"
            pattern="[0-9]{6}"
            maxLength={6}
            required
            autoFocus
            aria-describedby="code-hint"
            className={SIGN_IN_FIELD}
          />
        </div>
        <button type="submit" disabled={pending} className="rounded bg-accent px-4 py-2 font-bold text-paper">
          確認
        </button>
      </form>
      <details>
        <summary className="cursor-pointer text-sm">認証アプリが使えないとき（回復コード）</summary>
        <form action={action} className="mt-3 space-y-4">
          <input type="hidden" name="next" value={next ?? ''} />
          <input type="hidden" name="kind" value="recovery" />
          <div>
            <label htmlFor="recovery-code" className="block text-sm font-bold">
              回復コード
            </label>
            <input
              id="recovery-code"
              name="code"
              autoComplete="off"
              required
              maxLength={32}
              className={SIGN_IN_FIELD}
            />
          </div>
          <button type="submit" disabled={pending} className="rounded border border-rule bg-paper px-4 py-2">
            回復コードでログイン
          </button>
        </form>
      </details>
    </div>
  );
}

export function LoginForm({ next, email }: { next?: string; email?: string }) {
  const [state, action, pending] = useActionState<LoginState, FormData>(
    loginAction,
    { next, email },
    SIGN_IN_PERMALINK,
  );
  if (state.step === 'code') return <CodeStep next={state.next} />;
  return (
    <form action={action} className="mt-6 space-y-4">
      <FormProblem message={state.error} />
      <input type="hidden" name="next" value={state.next ?? ''} />
      <div>
        <label htmlFor="email" className="block text-sm font-bold">
          メールアドレス
        </label>
        <input
          id="email"
          name="email"
          type="email"
          autoComplete="username"
          required
          defaultValue={state.email}
          className={SIGN_IN_FIELD}
        />
      </div>
      <div>
        <label htmlFor="password" className="block text-sm font-bold">
          パスワード
        </label>
        <input
          id="password"
          name="password"
          type="password"
          autoComplete="current-password"
          required
          className={SIGN_IN_FIELD}
        />
      </div>
      <button type="submit" disabled={pending} className="rounded bg-accent px-4 py-2 font-bold text-paper">
        ログイン
      </button>
    </form>
  );
}
