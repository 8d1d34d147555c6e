import type { Metadata } from 'next';
import { AiPolicyForm } from '@/components/admin/AiPolicyForm';
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
      <AiPolicyForm policy={policy} />
    </>
  );
}
