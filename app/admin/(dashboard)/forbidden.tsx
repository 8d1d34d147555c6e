import type { Metadata } from 'next';
import { AdminLink as Link } from '@/components/admin/AdminLink.client';

export const metadata: Metadata = { title: '管理者だけが行えます' };

/**
 * What an editor sees after trying an admin's act (lib/editorial/admin-action.ts answers 403 with
 * forbidden()): inside the dashboard, with its menu, saying why nothing happened.
 */
export default function Forbidden() {
  return (
    <section aria-labelledby="forbidden-heading">
      <h1 id="forbidden-heading" className="text-xl font-bold">
        この操作は管理者だけが行えます
      </h1>
      <p className="mt-3">何も変更していません。必要なときは、管理者に依頼してください。</p>
      <p className="mt-4">
        <Link href="/admin">記事一覧へ戻る</Link>
      </p>
    </section>
  );
}
