import type { Metadata } from 'next';
import { CreateUserForm, UserControls } from '@/components/admin/UserForms.client';
import { requireAdminPage, requireRecentSignIn } from '@/lib/auth/session';
import { listSignInLocks, type SignInLock } from '@/lib/auth/throttle';
import { clearSignInLockAction } from '@/app/admin/_actions/users';
import { formatJapaneseDateTime } from '@/lib/format/dates';
import { listUsers } from '@/lib/auth/users';

const LOCK_KINDS: Record<SignInLock['kind'], string> = { pair: 'パスワード', ip: 'パスワード', code: '確認コード' };

export const metadata: Metadata = { title: 'ユーザー' };

export default async function UsersPage() {
  const actor = await requireAdminPage();
  await requireRecentSignIn('/admin/users');
  const [users, locks] = await Promise.all([listUsers(actor), listSignInLocks(actor)]);
  return (
    <>
      <h1 className="text-2xl font-bold">ユーザー</h1>
      <h2 className="mt-6 text-lg font-bold">新しいアカウント</h2>
      <CreateUserForm />
      <h2 className="mt-8 text-lg font-bold">アカウント一覧</h2>
      <table className="mt-2 w-full border-collapse text-sm">
        <thead>
          <tr className="border-b border-ink text-left">
            <th scope="col">メールアドレス</th>
            <th scope="col">名前</th>
            <th scope="col">状態</th>
            <th scope="col">作成</th>
            <th scope="col">操作</th>
          </tr>
        </thead>
        <tbody>
          {users.map((user) => (
            <tr key={user.id} className="border-b border-rule align-top">
              <td className="py-2 pr-2">{user.email}</td>
              <td className="pr-2">{user.name}</td>
              <td className="pr-2">{user.disabled ? '無効' : user.role === 'admin' ? '管理者' : '編集者'}</td>
              <td className="pr-2">{formatJapaneseDateTime(new Date(user.createdAt))}</td>
              <td className="py-2">{user.id === actor.userId ? '（自分）' : <UserControls user={user} />}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2 className="mt-8 text-lg font-bold">ログインの制限</h2>
      <p className="mt-1 text-sm">
        失敗が続いたアドレスは、そのアカウント（またはすべてのアカウント）に15分間ログインできません。パスワードと二段階認証の確認コードは別に数えます。本人が締め出されているときは解除してください。
      </p>
      {locks.length === 0 ? (
        <p className="mt-2 text-sm">制限中のアドレスはありません。</p>
      ) : (
        <table className="mt-2 w-full border-collapse text-sm">
          <thead>
            <tr className="border-b border-ink text-left">
              <th scope="col">アカウント</th>
              <th scope="col">アドレス</th>
              <th scope="col">対象</th>
              <th scope="col">試行</th>
              <th scope="col">解除される時刻</th>
              <th scope="col">操作</th>
            </tr>
          </thead>
          <tbody>
            {locks.map((lock) => (
              <tr key={lock.key} className="border-b border-rule">
                <td className="py-2 pr-2">{lock.email ?? 'すべてのアカウント'}</td>
                <td className="pr-2 font-mono">{lock.ip}</td>
                <td className="pr-2">{LOCK_KINDS[lock.kind]}</td>
                <td className="pr-2">{lock.failures}回</td>
                <td className="pr-2">{formatJapaneseDateTime(new Date(lock.until))}</td>
                <td>
                  <form action={clearSignInLockAction}>
                    <input type="hidden" name="key" value={lock.key} />
                    <button type="submit" className="rounded border border-rule bg-paper px-3 py-1">
                      制限を解除
                    </button>
                  </form>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
