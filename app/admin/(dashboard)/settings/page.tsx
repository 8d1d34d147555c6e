import type { Metadata } from 'next';
import { updateAiPolicyAction } from '@/app/admin/actions';
import { DEFAULT_AI_POLICY } from '@/lib/editorial/ai-policy';
import { requireAdminPage } from '@/lib/auth/session';
import { getSetting } from '@/lib/editorial/site-settings';

export const metadata: Metadata = { title: 'サイト設定' };

export default async function SettingsPage({
  searchParams,
}: {
  searchParams: Promise<{ saved?: string; error?: string }>;
}) {
  await requireAdminPage();
  const query = await searchParams;
  const policy = (await getSetting('ai-policy')) ?? DEFAULT_AI_POLICY;
  return (
    <>
      <h1 className="text-2xl font-bold">サイト設定</h1>
      {query.saved ? (
        <p role="status" className="mt-3 rounded border border-green-700 bg-green-50 p-3 text-sm text-green-900">
          AI利用方針を更新しました
        </p>
      ) : null}
      {query.error ? (
        <p role="alert" className="mt-3 text-sm text-red-700">
          {query.error}
        </p>
      ) : null}
      <form action={updateAiPolicyAction} className="mt-4">
        <label htmlFor="ai-policy" className="block font-bold">
          AI利用方針（/about/ai）
        </label>
        <p id="ai-policy-hint" className="text-sm text-muted">
          段落は空行で区切り、見出しは行頭に「## 」を付けます。
        </p>
        <textarea
          id="ai-policy"
          name="value"
          aria-describedby="ai-policy-hint"
          defaultValue={policy}
          rows={20}
          className="mt-1 w-full rounded border border-rule bg-paper p-2"
        />
        <button type="submit" className="mt-2 rounded bg-accent px-4 py-2 font-bold text-paper">
          保存して公開
        </button>
      </form>
    </>
  );
}
