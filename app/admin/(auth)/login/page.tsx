import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { LoginForm } from '@/components/admin/LoginForm.client';
import { currentActor } from '@/lib/auth/session';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'ログイン — Kiji 編集部', robots: { index: false, follow: false } };

export default async function LoginPage() {
  if (await currentActor()) redirect('/admin');
  return (
    <main id="main" className="mx-auto max-w-sm px-4 py-16">
      <h1 className="text-2xl font-bold">Kiji 編集部 ログイン</h1>
      <LoginForm />
    </main>
  );
}
