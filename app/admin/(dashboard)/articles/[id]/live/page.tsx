import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { AdminLink as Link } from '@/components/admin/AdminLink.client';
import { requireEditorPage } from '@/lib/auth/session';
import { parseDatabaseId } from '@/lib/routes/query-params';
import { getLiveForEditor, LIVE_UPDATE_BODY_MAX, LIVE_UPDATE_HEADING_MAX } from '@/lib/articles/live';
import { routes } from '@/lib/routes/registry';
import { formatJapaneseDateTime, toTokyoIso } from '@/lib/format/dates';
import { BreakingForm } from '@/components/admin/BreakingForm';
import { currentBreaking } from '@/lib/editorial/breaking';
import {
  decideHeldUpdateAction,
  deleteLiveUpdateAction,
  editLiveUpdateAction,
  postLiveUpdateAction,
  setLiveStateAction,
} from '@/app/admin/_actions/live';

export const metadata: Metadata = { title: 'ライブの更新' };

type Props = {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ saved?: string; error?: string; notDone?: string }>;
};

const SAVED: Record<string, string> = {
  post: '更新を投稿しました',
  edit: '更新を保存しました',
  delete: '更新を取り下げました',
  approve: '連携から届いた更新を掲載しました',
  reject: '連携から届いた更新を却下しました',
  end: 'ライブを終了しました',
  resume: 'ライブを再開しました',
  breaking: '速報バナーを出しました',
  'breaking-clear': '速報バナーを取り下げました',
};

const field = 'mt-1 w-full rounded border border-rule bg-paper px-2 py-1';

type Values = {
  heading?: string | null;
  body?: string;
  keyEvent?: boolean;
  pinned?: boolean;
  disclosure?: string;
  sourcesText?: string;
  imageAlt?: string | null;
};

/** The update's fields, for a new update and for each edit. */
function UpdateFields({ prefix, values = {} }: { prefix: string; values?: Values }) {
  return (
    <>
      <label className="block text-sm font-bold" htmlFor={`${prefix}-heading`}>
        見出し（任意）
      </label>
      <input
        id={`${prefix}-heading`}
        name="heading"
        maxLength={LIVE_UPDATE_HEADING_MAX}
        defaultValue={values.heading ?? ''}
        className={field}
      />
      <label className="mt-3 block text-sm font-bold" htmlFor={`${prefix}-body`}>
        本文
      </label>
      <textarea
        id={`${prefix}-body`}
        name="body"
        required
        rows={5}
        maxLength={LIVE_UPDATE_BODY_MAX}
        defaultValue={values.body ?? ''}
        className={field}
      />
      <label className="mt-3 block text-sm font-bold" htmlFor={`${prefix}-sources`}>
        出典（1行に1件：タイトル URL）
      </label>
      <textarea
        id={`${prefix}-sources`}
        name="sources"
        rows={2}
        defaultValue={values.sourcesText ?? ''}
        className={field}
      />
      <div className="mt-3 flex flex-wrap gap-x-6 gap-y-2 text-sm">
        <label>
          <input type="checkbox" name="keyEvent" defaultChecked={values.keyEvent} /> 重要な出来事
        </label>
        <label>
          <input type="checkbox" name="pinned" defaultChecked={values.pinned} /> 先頭に固定
        </label>
        <label>
          制作：
          <select
            name="disclosure"
            defaultValue={values.disclosure ?? 'human'}
            className="ml-1 rounded border border-rule bg-paper"
          >
            <option value="human">編集者</option>
            <option value="ai-assisted">AIの補助あり</option>
            <option value="ai-generated">AIが生成</option>
          </select>
        </label>
      </div>
      <div className="mt-3 grid gap-2 text-sm sm:grid-cols-2">
        <label className="block">
          画像（任意）
          <input
            type="file"
            name="image"
            accept="image/jpeg,image/png,image/webp,image/avif"
            className="mt-1 block w-full"
          />
        </label>
        <label className="block">
          画像の代替テキスト
          <input name="imageAlt" defaultValue={values.imageAlt ?? ''} className={field} />
        </label>
      </div>
    </>
  );
}

export default async function LivePage({ params, searchParams }: Props) {
  const actor = await requireEditorPage();
  const id = parseDatabaseId((await params).id);
  if (id === null) notFound();
  const live = await getLiveForEditor(actor, id);
  if (!live) notFound();
  const query = await searchParams;
  const ended = live.liveState === 'ended';
  const held = live.liveUpdates.filter((update) => update.heldForReview);
  const posted = live.liveUpdates.filter((update) => !update.heldForReview);
  return (
    <>
      <h1 className="text-2xl font-bold">ライブの更新：{live.title}</h1>
      <p className="mt-1 flex flex-wrap gap-x-4 text-sm">
        <Link href={`/admin/articles/${id}`}>記事の編集（概要・背景・出典）に戻る</Link>
        {live.status === 'published' ? <a href={routes.article.href(live.slug)}>公開ページを見る</a> : null}
      </p>
      {live.kind !== 'live' ? (
        <p role="alert" className="mt-4 rounded border-2 border-danger p-3">
          この記事の種類は「ライブ」ではありません。記事の編集で種類を「ライブ」にして保存してください。
        </p>
      ) : null}
      {query.saved && SAVED[query.saved] ? (
        <p role="status" className="mt-3 rounded bg-ok-soft px-3 py-2 text-sm text-ok">
          {SAVED[query.saved]}
          {query.notDone ? `（あとで行われます：${query.notDone}）` : ''}
        </p>
      ) : null}
      {query.error ? (
        <p role="alert" className="mt-3 rounded bg-danger-soft px-3 py-2 text-sm text-danger">
          {query.error}
        </p>
      ) : null}

      {live.kind === 'live' ? (
        <>
          <section aria-labelledby="live-form-heading" className="mt-6 rounded border border-rule p-4" id="live-form">
            <h2 id="live-form-heading" className="text-lg font-bold">
              {ended ? 'このライブは終了しています' : '更新を投稿'}
            </h2>
            {ended ? null : (
              <form action={postLiveUpdateAction} className="mt-3">
                <input type="hidden" name="articleId" value={id} />
                <UpdateFields prefix="new" />
                <button type="submit" className="mt-4 rounded bg-accent px-4 py-2 font-bold text-paper">
                  投稿する
                </button>
              </form>
            )}
            <form action={setLiveStateAction} className="mt-4">
              <input type="hidden" name="articleId" value={id} />
              <input type="hidden" name="state" value={ended ? 'live' : 'ended'} />
              <button type="submit" className="rounded border border-rule px-3 py-1 text-sm">
                {ended ? 'ライブを再開する' : 'ライブを終了する'}
              </button>
            </form>
          </section>

          {live.status === 'published' ? (
            <BreakingForm
              slug={live.slug}
              title={live.title}
              back={`/admin/articles/${id}/live`}
              current={await currentBreaking(actor)}
            />
          ) : null}
          {held.length > 0 ? (
            <section aria-labelledby="live-held-heading" className="mt-8" data-testid="live-held">
              <h2 id="live-held-heading" className="text-lg font-bold">
                連携から届いた更新（確認待ち {held.length}件）
              </h2>
              <p className="mt-1 text-sm text-muted">
                AIのパイプラインが送った更新です。掲載するまで読者には見えません。掲載すると、その時刻の更新として表示され、AIが作成したことが示されます。
              </p>
              <ol className="mt-3 space-y-4">
                {held.map((update) => (
                  <li key={update.id} className="rounded border-2 border-caution p-3">
                    <p className="text-sm text-muted">
                      <time dateTime={toTokyoIso(update.postedAt)}>{formatJapaneseDateTime(update.postedAt)}</time>
                      に受信・{update.authorLabel}
                      {update.keyEvent ? '・重要' : ''}
                      {update.pinned ? '・固定の希望' : ''}
                    </p>
                    {update.heading ? <p className="font-bold">{update.heading}</p> : null}
                    <p className="whitespace-pre-wrap">{update.body}</p>
                    {update.sourcesText ? (
                      <p className="mt-1 text-sm whitespace-pre-wrap text-muted">出典：{update.sourcesText}</p>
                    ) : null}
                    <div className="mt-2 flex flex-wrap gap-3">
                      <form action={decideHeldUpdateAction}>
                        <input type="hidden" name="articleId" value={id} />
                        <input type="hidden" name="updateId" value={update.id} />
                        <input type="hidden" name="decision" value="approve" />
                        <button
                          type="submit"
                          disabled={ended}
                          className="rounded bg-accent px-3 py-1 text-sm font-bold text-paper disabled:opacity-50"
                        >
                          掲載する
                        </button>
                      </form>
                      <form action={decideHeldUpdateAction}>
                        <input type="hidden" name="articleId" value={id} />
                        <input type="hidden" name="updateId" value={update.id} />
                        <input type="hidden" name="decision" value="reject" />
                        <button type="submit" className="rounded border border-rule px-3 py-1 text-sm">
                          却下する
                        </button>
                      </form>
                    </div>
                    <details className="mt-2">
                      <summary className="cursor-pointer text-sm">掲載の前に直す</summary>
                      <form action={editLiveUpdateAction} className="mt-2">
                        <input type="hidden" name="articleId" value={id} />
                        <input type="hidden" name="updateId" value={update.id} />
                        <input type="hidden" name="keepImage" value={update.imageId ?? ''} />
                        <input type="hidden" name="correction" value="" />
                        <UpdateFields prefix={`held-${update.id}`} values={update} />
                        <button type="submit" className="mt-3 rounded border border-rule px-3 py-1 text-sm">
                          保存する（まだ掲載しない）
                        </button>
                      </form>
                    </details>
                  </li>
                ))}
              </ol>
            </section>
          ) : null}
          <section aria-labelledby="live-list-heading" className="mt-8">
            <h2 id="live-list-heading" className="text-lg font-bold">
              投稿した更新（{posted.length}件）
            </h2>
            <ol className="mt-3 space-y-4">
              {posted.map((update) => (
                <li key={update.id} className="rounded border border-rule p-3">
                  <p className="text-sm text-muted">
                    <time dateTime={toTokyoIso(update.postedAt)}>{formatJapaneseDateTime(update.postedAt)}</time>・
                    {update.authorLabel}
                    {update.keyEvent ? '・重要' : ''}
                    {update.pinned ? '・固定' : ''}
                    {update.editedAt ? '・編集済み' : ''}
                  </p>
                  {update.heading ? <p className="font-bold">{update.heading}</p> : null}
                  <p className="whitespace-pre-wrap">{update.body}</p>
                  <details className="mt-2">
                    <summary className="cursor-pointer text-sm">編集・訂正</summary>
                    <form action={editLiveUpdateAction} className="mt-2">
                      <input type="hidden" name="articleId" value={id} />
                      <input type="hidden" name="updateId" value={update.id} />
                      <input type="hidden" name="keepImage" value={update.imageId ?? ''} />
                      <UpdateFields prefix={`edit-${update.id}`} values={update} />
                      <label className="mt-3 block text-sm font-bold" htmlFor={`edit-${update.id}-correction`}>
                        訂正の説明（公開中の誤りを直すときに。読者に訂正として示します）
                      </label>
                      <input id={`edit-${update.id}-correction`} name="correction" className={field} />
                      <button type="submit" className="mt-3 rounded bg-accent px-3 py-1 text-sm font-bold text-paper">
                        保存する
                      </button>
                    </form>
                  </details>
                  <form action={deleteLiveUpdateAction} className="mt-2">
                    <input type="hidden" name="articleId" value={id} />
                    <input type="hidden" name="updateId" value={update.id} />
                    <button type="submit" className="text-sm text-danger underline">
                      この更新を取り下げる
                    </button>
                  </form>
                </li>
              ))}
            </ol>
          </section>
        </>
      ) : null}
    </>
  );
}
