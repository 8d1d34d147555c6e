import type { Metadata } from 'next';
import { AdminLink as Link } from '@/components/admin/AdminLink.client';
import { TwoFactorForms } from '@/components/admin/TwoFactorForms.client';
import { requireSignInPage } from '@/lib/auth/session';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: '二段階認証 — Kiji 編集部', robots: { index: false, follow: false } };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function TwoFactorPage({ searchParams }: Props) {
  const signIn = await requireSignInPage();
  const params = await searchParams;
  const required = params.required === '1' && !signIn.twoFactorEnabled;
  const done =
    params.done === 'enabled' && signIn.twoFactorEnabled
      ? '二段階認証を設定しました。次のログインから確認コードが必要です。'
      : params.done === 'disabled' && !signIn.twoFactorEnabled
        ? '二段階認証を無効にしました。'
        : null;
  return (
    <main id="main" className="mx-auto max-w-xl px-4 py-12">
      <p className="text-sm">
        <Link href="/admin">← 編集部に戻る</Link>
      </p>
      <h1 className="mt-4 text-2xl font-bold">二段階認証</h1>
      {done ? (
        <p role="status" className="mt-4 rounded border border-rule bg-note p-3">
          {done}
        </p>
      ) : null}
      {required ? (
        <p role="status" className="mt-4 rounded border border-rule bg-note p-3 text-sm">
          管理者のアカウントは、二段階認証を設定するまで編集部のページを使えません。
        </p>
      ) : null}
      <p className="mt-4 text-sm">
        ログインのたびに、パスワードに加えて認証アプリ（Google Authenticator、1Password
        など）の6桁の確認コードを求めます。
        {signIn.actor.role === 'admin' ? '管理者には必須です。' : '編集者は任意です。'}
      </p>
      {done ? null : <TwoFactorForms enabled={signIn.twoFactorEnabled} mayTurnOff={signIn.actor.role !== 'admin'} />}
    </main>
  );
}
