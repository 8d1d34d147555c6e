import type { Metadata } from 'next';
import { setFrontPageAction } from '@/app/admin/actions';
import { requireEditorPage } from '@/lib/auth/session';
import { getFrontPageChoice } from '@/lib/editorial/front-page';
import { formatJapaneseDateTime } from '@/lib/format/dates';

export const metadata: Metadata = { title: 'トップページ' };

const SLOT_LABELS = ['トップニュース', '2番目', '3番目', '4番目', '5番目', '6番目'];

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
      <form action={setFrontPageAction} className="mt-4 max-w-3xl space-y-3">
        {SLOT_LABELS.map((label, index) => (
          <div key={label}>
            <label htmlFor={`slot${index}`} className="block text-sm font-bold">
              {label}
            </label>
            <select
              id={`slot${index}`}
              name={`slot${index}`}
              defaultValue={slots[index] ?? ''}
              className="mt-1 w-full rounded border border-rule bg-paper px-2 py-2"
            >
              <option value="">（自動：新しい記事から）</option>
              {candidates.map((article) => (
                <option key={article.id} value={article.id}>
                  {`${article.title}（${formatJapaneseDateTime(new Date(article.publishedAt))}）`}
                </option>
              ))}
            </select>
          </div>
        ))}
        <button type="submit" className="rounded bg-accent px-4 py-2 font-bold text-paper">
          この並びで公開する
        </button>
      </form>
    </>
  );
}
