'use client';

import { ConfirmSubmit } from './ConfirmSubmit.client';
import { useActionState, useState } from 'react';
import { createUserAction, updateUserAction, type UserFormState } from '@/app/admin/_actions/users';

/** The page's own URL as the forms' action (useActionState's permalink): React would write action="", which is invalid HTML. */
const PAGE = '/admin/users';

const input = 'mt-1 w-full rounded border border-rule bg-paper px-2 py-1';

function Feedback({ state }: { state: UserFormState }) {
  if (state.error)
    return (
      <p role="alert" className="mt-2 text-sm text-danger">
        {state.error}
      </p>
    );
  if (state.message)
    return (
      <p role="status" className="mt-2 text-sm text-ok">
        {state.message}
      </p>
    );
  return null;
}

export function CreateUserForm() {
  const [state, action, pending] = useActionState<UserFormState, FormData>(createUserAction, {}, PAGE);
  // Controlled, so that a refused form keeps what the admin typed.
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [role, setRole] = useState('editor');
  return (
    <form action={action} className="grid gap-3 rounded border border-rule p-4 sm:grid-cols-2">
      <div>
        <label htmlFor="new-email" className="text-sm font-bold">
          メールアドレス
        </label>
        <input
          id="new-email"
          name="email"
          type="email"
          required
          value={email}
          onChange={(e) => setEmail(e.target.value)}
          className={input}
        />
      </div>
      <div>
        <label htmlFor="new-name" className="text-sm font-bold">
          名前
        </label>
        <input
          id="new-name"
          name="name"
          required
          value={name}
          onChange={(e) => setName(e.target.value)}
          className={input}
        />
      </div>
      <div>
        <label htmlFor="new-password" className="text-sm font-bold">
          初期パスワード（12文字以上）
        </label>
        <input
          id="new-password"
          name="password"
          type="password"
          autoComplete="new-password"
          required
          className={input}
        />
      </div>
      <div>
        <label htmlFor="new-role" className="text-sm font-bold">
          権限
        </label>
        <select id="new-role" name="role" value={role} onChange={(e) => setRole(e.target.value)} className={input}>
          <option value="editor">編集者</option>
          <option value="admin">管理者</option>
        </select>
      </div>
      <div className="sm:col-span-2">
        <button type="submit" disabled={pending} className="rounded bg-accent px-4 py-2 font-bold text-paper">
          アカウントを作成
        </button>
        <Feedback state={state} />
      </div>
    </form>
  );
}

export function UserControls({
  user,
}: {
  user: { id: string; email: string; role: 'admin' | 'editor'; disabled: boolean };
}) {
  const [state, action, pending] = useActionState<UserFormState, FormData>(updateUserAction, {}, PAGE);
  return (
    <div className="space-y-2">
      <form action={action} className="flex flex-wrap items-end gap-2">
        <input type="hidden" name="userId" value={user.id} />
        <input type="hidden" name="operation" value="role" />
        <label className="text-sm">
          権限
          <select
            name="role"
            defaultValue={user.role}
            className="ml-1 rounded border border-rule bg-paper px-1"
            aria-label={`${user.email} の権限`}
          >
            <option value="editor">編集者</option>
            <option value="admin">管理者</option>
          </select>
        </label>
        <button type="submit" disabled={pending} className="rounded border border-rule px-2 text-sm">
          権限を変更
        </button>
      </form>
      <form action={action}>
        <input type="hidden" name="userId" value={user.id} />
        <input type="hidden" name="operation" value={user.disabled ? 'enable' : 'disable'} />
        {user.disabled ? (
          <button type="submit" disabled={pending} className="rounded border border-danger px-2 text-sm text-danger">
            {`${user.email} を有効にする`}
          </button>
        ) : (
          <ConfirmSubmit
            disabled={pending}
            title={`${user.email} を無効にしますか？`}
            consequence="このユーザーはすぐにサインアウトされ、サインインできなくなります。記事や履歴は残ります。後で「有効にする」で元に戻せます。"
            confirmLabel="無効にする"
            className="rounded border border-danger px-2 text-sm text-danger"
          >
            {`${user.email} を無効にする`}
          </ConfirmSubmit>
        )}
      </form>
      <form action={action} className="flex flex-wrap items-end gap-2">
        <input type="hidden" name="userId" value={user.id} />
        <input type="hidden" name="operation" value="password" />
        <label className="text-sm">
          新しいパスワード
          <input
            name="password"
            type="password"
            autoComplete="new-password"
            className="ml-1 rounded border border-rule bg-paper px-1"
            aria-label={`${user.email} の新しいパスワード`}
          />
        </label>
        <button type="submit" disabled={pending} className="rounded border border-rule px-2 text-sm">
          パスワードを再設定
        </button>
      </form>
      <Feedback state={state} />
    </div>
  );
}
