import type { Metadata } from 'next';
import { setFrontPageAction } from '@/app/admin/_actions/front-page';
import { requireEditorPage } from '@/lib/auth/session';
import { FRONT_PAGE_SLOTS, getFrontPageChoice } from '@/lib/editorial/front-page';
import { FrontPagePicker } from '@/components/admin/FrontPagePicker.client';

export const metadata: Metadata = { title: 'トップページ' };

type Props = { searchParams: Promise<{ saved?: string; error?: string }> };

/** Which stories lead the home page, and in what order; empty slots fill with the newest. */
export default async function FrontPagePage({ searchParams }: Props) {
  const actor = await requireEditorPage();
  const [{ slots, candidates }, query] = await Promise.all([getFrontPageChoice(actor), searchParams]);
  return (
    <>
      <h1 className="text-2xl font-bold">トップページ</h1>
      <p className="mt-2 text-sm">
        トップニュースと、その後に並ぶ記事の順番を選びます。空けた枠には、新しい記事から順に入ります。公開をやめた記事は自動で外れます。
      </p>
      {query.saved ? (
        <p role="status" className="mt-4 rounded border border-ok bg-ok-soft p-3 text-sm text-ok">
          トップページの並びを保存しました（すぐに反映されます）
        </p>
      ) : null}
      {query.error ? (
        <p role="alert" className="mt-4 rounded border border-danger p-3 text-sm text-danger">
          {query.error}
        </p>
      ) : null}
      <form action={setFrontPageAction} className="mt-4 max-w-3xl space-y-4">
        <FrontPagePicker
          chosen={slots.filter((id): id is number => id !== null)}
          candidates={candidates}
          slots={FRONT_PAGE_SLOTS}
        />
        <button type="submit" className="rounded bg-accent px-4 py-2 font-bold text-paper">
          この並びで公開する
        </button>
      </form>
    </>
  );
}
