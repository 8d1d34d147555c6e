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
      {/* On a phone: the site's name and the account on one row, the menu on one row below that
          scrolls sideways within itself (a focused link scrolls into view); wider, all on one line,
          the menu wrapping if it must. */}
      <header className="border-b border-rule bg-note">
        <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-4 gap-y-1 px-4 py-2 sm:py-3">
          <Link href="/admin" className="shrink-0 font-bold">
            Kiji 編集部
          </Link>
          <nav
            aria-label="編集部メニュー"
            className="order-last -mx-4 w-[calc(100%+2rem)] overflow-x-auto px-4 sm:order-none sm:mx-0 sm:w-auto sm:flex-1 sm:overflow-visible sm:px-0"
          >
            <ul className="flex gap-4 py-1 text-sm whitespace-nowrap sm:flex-wrap sm:gap-y-1">
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
          <form action={logoutAction} className="ml-auto flex min-w-0 items-center gap-2 text-sm">
            <span className="truncate">
              {actor.name}（{actor.role === 'admin' ? '管理者' : '編集者'}）
            </span>
            <button type="submit" className="shrink-0 rounded border border-rule bg-paper px-3 py-1">
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
