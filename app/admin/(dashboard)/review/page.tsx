import type { Metadata } from 'next';
import { decideSubmissionAction, startReviewAction } from '@/app/admin/desk-actions';
import { requireEditorPage } from '@/lib/auth/session';
import { listReviewQueue, type QueueItem } from '@/lib/api/review';
import { SUBMISSION_STATE_LABELS } from '@/lib/api/submissions';
import { formatJapaneseDateTime } from '@/lib/format/dates';
import { FactCheckPanel } from '@/components/admin/FactCheckPanel';
import { claimsForEditor, type EditorClaims } from '@/lib/articles/snapshots/store';

export const metadata: Metadata = { title: '入稿の確認' };

const button = 'rounded border px-3 py-2 text-sm';

function Submission({ item, decide, claims }: { item: QueueItem; decide: boolean; claims: EditorClaims }) {
  const heading = `submission-${item.id}`;
  return (
    <li className="rounded border border-rule p-4 break-words">
      <article aria-labelledby={heading}>
        <h3 id={heading} className="font-bold break-words">
          {item.title}
        </h3>
        <p className="mt-1 text-sm text-muted">
          {`${SUBMISSION_STATE_LABELS[item.state]}・${item.keyName}`}
          {item.source ? `・${item.source} / ${item.externalId}` : ''}
          {`・第${item.revision}稿・${formatJapaneseDateTime(item.receivedAt)}受付`}
        </p>
        <p className="mt-1 text-sm">{`出典 ${item.sourcesCount}件`}</p>
        {item.flags.includes('no_sources') ? (
          <p className="mt-1 text-sm text-caution">
            出典も、出典がない理由もありません。公開するには出典か理由を加えてください。
          </p>
        ) : null}
        {item.duplicate ? (
          <p role="note" className="mt-2 rounded border border-caution p-2 text-sm text-caution">
            {`既存の記事「${item.duplicate.title}」（/articles/${item.duplicate.slug}）と本文が ${Math.round(
              item.duplicate.similarity * 100,
            )}% 同じです。重複していないか確かめてください。`}
          </p>
        ) : null}
        {item.lastNote ? <p className="mt-2 text-sm">{`前回のメモ：${item.lastNote}`}</p> : null}
        {/* Each section's figures held against the sources (docs/decisions/0035). */}
        <details className="mt-2 text-sm" data-testid="queue-facts">
          <summary className="cursor-pointer">
            {`出典との照合：${claims.summary.total}件中 見つからない ${claims.summary.notFound}件・照合できない ${claims.summary.notCheckable}件`}
          </summary>
          <FactCheckPanel claims={claims} idPrefix={`facts-${item.id}`} level={4} />
        </details>
        <form action={startReviewAction} className="mt-3">
          <input type="hidden" name="id" value={item.id} />
          <button type="submit" className={`${button} border-ink`}>
            記事を開いて直す・公開する
          </button>
        </form>
        {decide ? (
          <form action={decideSubmissionAction} className="mt-3 grid gap-2">
            <input type="hidden" name="id" value={item.id} />
            <label htmlFor={`note-${item.id}`} className="text-sm font-bold">
              パイプラインへのメモ（修正の依頼と却下には必須）
            </label>
            <textarea
              id={`note-${item.id}`}
              name="note"
              rows={2}
              maxLength={2000}
              className="w-full rounded border border-rule bg-paper px-2 py-1"
            />
            <div className="flex flex-wrap gap-2">
              <button type="submit" name="decision" value="approve" className={`${button} border-ok text-ok`}>
                承認する
              </button>
              <button type="submit" name="decision" value="request_changes" className={`${button} border-ink`}>
                修正を依頼する
              </button>
              <button type="submit" name="decision" value="reject" className={`${button} border-danger text-danger`}>
                却下する
              </button>
            </div>
          </form>
        ) : null}
      </article>
    </li>
  );
}

/** The AI desk's review queue (docs/decisions/0030): oldest first; editors decide, and publish from the editor. */
export default async function ReviewPage({
  searchParams,
}: {
  searchParams: Promise<{ done?: string; error?: string }>;
}) {
  const actor = await requireEditorPage();
  const query = await searchParams;
  const { awaiting, approved } = await listReviewQueue(actor);
  const claims = new Map(
    await Promise.all(
      [...awaiting, ...approved].map(async (item) => [item.id, await claimsForEditor(actor, item.articleId)] as const),
    ),
  );
  return (
    <>
      <h1 className="text-2xl font-bold">入稿の確認</h1>
      {query.done ? (
        <p role="status" className="mt-3 rounded border border-ok bg-ok-soft p-3 text-sm text-ok">
          {query.done}
        </p>
      ) : null}
      {query.error ? (
        <p role="alert" className="mt-3 rounded border border-danger bg-danger-soft p-3 text-sm text-danger">
          {query.error}
        </p>
      ) : null}
      <h2 className="mt-6 text-xl font-bold">{`確認を待つ入稿（${awaiting.length}件、古い順）`}</h2>
      {awaiting.length === 0 ? (
        <p className="mt-2 text-sm">確認を待つ入稿はありません。</p>
      ) : (
        <ol className="mt-3 space-y-4">
          {awaiting.map((item) => (
            <Submission key={item.id} item={item} decide claims={claims.get(item.id)!} />
          ))}
        </ol>
      )}
      <h2 className="mt-8 text-xl font-bold">{`承認済み・公開待ち（${approved.length}件）`}</h2>
      {approved.length === 0 ? (
        <p className="mt-2 text-sm">ありません。</p>
      ) : (
        <ol className="mt-3 space-y-4">
          {approved.map((item) => (
            <Submission key={item.id} item={item} decide={false} claims={claims.get(item.id)!} />
          ))}
        </ol>
      )}
    </>
  );
}
