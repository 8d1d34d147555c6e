import type { Metadata } from 'next';
import { ApiKeyForm } from '@/components/admin/ApiKeyForm.client';
import { revokeApiKeyAction } from '@/app/admin/desk-actions';
import { requireAdminPage, requireRecentSignIn } from '@/lib/auth/session';
import { listApiKeys } from '@/lib/api/keys';
import { formatJapaneseDateTime } from '@/lib/format/dates';

export const metadata: Metadata = { title: '連携キー' };

/** Integration keys for the AI desk's API (docs/decisions/0030): admins only. */
export default async function ApiKeysPage() {
  const actor = await requireAdminPage();
  await requireRecentSignIn('/admin/keys');
  const keys = await listApiKeys(actor);
  return (
    <>
      <h1 className="text-2xl font-bold">連携キー</h1>
      <p className="mt-2 text-sm">
        AI パイプラインなどの外部の仕組みが <code>/api/v1</code>{' '}
        に入稿するためのキーです。キーで公開はできません。公開は編集者が決めます。
      </p>
      <ApiKeyForm />
      <h2 className="mt-8 text-xl font-bold">発行済みのキー</h2>
      {keys.length === 0 ? (
        <p className="mt-2 text-sm">まだありません。</p>
      ) : (
        <ul className="mt-2 grid gap-3">
          {keys.map((key) => (
            <li key={key.id} className="rounded border border-rule p-3 text-sm">
              <p className="font-bold">
                {key.name} <code className="font-normal">{key.prefix}…</code>
                {key.revokedAt ? <span className="ml-2 text-danger">無効化済み</span> : null}
              </p>
              <p className="mt-1">
                権限：{key.scopes.join(', ')}（1分あたり {key.rateLimitPerMinute} 回まで）
              </p>
              <p className="mt-1 text-muted">
                作成：{formatJapaneseDateTime(key.createdAt)}（{key.createdByLabel}）・最終使用：
                {key.lastUsedAt ? formatJapaneseDateTime(key.lastUsedAt) : 'なし'}
                {key.revokedAt ? `・無効化：${formatJapaneseDateTime(key.revokedAt)}` : ''}
              </p>
              {key.revokedAt ? null : (
                <form action={revokeApiKeyAction} className="mt-2">
                  <input type="hidden" name="id" value={key.id} />
                  <button type="submit" className="rounded border border-danger px-3 py-1 text-danger">
                    「{key.name}」を無効にする
                  </button>
                </form>
              )}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
