import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { LoginForm } from '@/components/admin/LoginForm.client';
import { currentSignIn } from '@/lib/auth/session';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'ログイン — Kiji 編集部', robots: { index: false, follow: false } };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function LoginPage({ searchParams }: Props) {
  const params = await searchParams;
  const reauth = params.reauth === '1';
  const next = typeof params.next === 'string' ? params.next : undefined;
  const signIn = await currentSignIn();
  if (signIn && !reauth) redirect('/admin');
  return (
    <main id="main" className="mx-auto max-w-sm px-4 py-16">
      <h1 className="text-2xl font-bold">Kiji 編集部 ログイン</h1>
      {reauth ? (
        <p className="mt-4 rounded border border-rule bg-note p-3 text-sm">
          この操作の前に、本人確認のためもう一度ログインしてください。
        </p>
      ) : null}
      <LoginForm next={next} email={reauth ? signIn?.actor.email : undefined} />
    </main>
  );
}
