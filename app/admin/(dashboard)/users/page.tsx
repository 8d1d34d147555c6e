import type { Metadata } from 'next';
import { CreateUserForm, UserControls } from '@/components/admin/UserForms.client';
import { requireAdminPage } from '@/lib/auth/session';
import { formatJapaneseDateTime } from '@/lib/format/dates';
import { listUsers } from '@/lib/auth/users';

export const metadata: Metadata = { title: 'ユーザー' };

export default async function UsersPage() {
  const actor = await requireAdminPage();
  const users = await listUsers(actor);
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
    </>
  );
}
