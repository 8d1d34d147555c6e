import type { Metadata } from 'next';
import { AdminLink as Link } from '@/components/admin/AdminLink.client';
import type { ReactNode } from 'react';
import { logoutAction } from '@/app/admin/_actions/sign-in';
import { requireEditorPage } from '@/lib/auth/session';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = {
  title: { default: 'Kiji 編集部', template: '%s — Kiji 編集部' },
  robots: { index: false, follow: false },
};

export default async function DashboardLayout({ children }: { children: ReactNode }) {
  const actor = await requireEditorPage();
  return (
    <>
      <a href="#main" className="skip-link">
        本文へ移動
      </a>
      <header className="border-b border-rule bg-note">
        <div className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-3 px-4 py-3">
          <nav aria-label="編集部メニュー">
            <ul className="flex flex-wrap gap-4 text-sm">
              <li>
                <Link href="/admin" className="font-bold">
                  Kiji 編集部
                </Link>
              </li>
              <li>
                <Link href="/admin">記事一覧</Link>
              </li>
              <li>
                <Link href="/admin/articles/new">新規作成</Link>
              </li>
              <li>
                <Link href="/admin/front-page">トップページ</Link>
              </li>
              <li>
                <Link href="/admin/import">取り込み</Link>
              </li>
              <li>
                <Link href="/admin/review">入稿の確認</Link>
              </li>
              <li>
                <Link href="/admin/messages">お問い合わせ</Link>
              </li>
              <li>
                <Link href="/admin/audit">監査ログ</Link>
              </li>
              <li>
                <Link href="/admin/profile">プロフィール</Link>
              </li>
              <li>
                <Link href="/admin/two-factor">二段階認証</Link>
              </li>
              {actor.role === 'admin' ? (
                <>
                  <li>
                    <Link href="/admin/users">ユーザー</Link>
                  </li>
                  <li>
                    <Link href="/admin/settings">サイト設定</Link>
                  </li>
                  <li>
                    <Link href="/admin/keys">連携キー</Link>
                  </li>
                  <li>
                    <Link href="/admin/integrations">Webhook と API</Link>
                  </li>
                </>
              ) : null}
            </ul>
          </nav>
          <form action={logoutAction} className="flex items-center gap-3 text-sm">
            <span>
              {actor.name}（{actor.role === 'admin' ? '管理者' : '編集者'}）
            </span>
            <button type="submit" className="rounded border border-rule bg-paper px-3 py-1">
              ログアウト
            </button>
          </form>
        </div>
      </header>
      <main id="main" className="mx-auto max-w-6xl px-4 py-6">
        {children}
      </main>
    </>
  );
}
