import Link from 'next/link';
import { routes } from '@/lib/routes/registry';
import { DISCLOSURE_LABELS } from '@/lib/articles/disclosure';
import { updateAnchor, type LiveCoverageView, type LiveUpdateView } from '@/lib/articles/live-views';
import { formatJapaneseDateTime, formatLiveTime, toTokyoIso } from '@/lib/format/dates';
import { ISLAND_ATTRIBUTE, LIVE_ISLAND_SOURCE } from '@/lib/platform/live-island';
import { ArticleFigure } from '@/components/article/ArticleFigure';

/**
 * A live page's coverage (docs/decisions/0040): its state, the pinned update, then the updates
 * newest first, each with its time, its anchor and its own address; the key events as a plain
 * link; older updates on numbered pages. Complete without script: the 「最新の情報に更新」 link
 * reloads it. On the live page itself (`island`), the one script a public page may run offers new
 * updates behind a button, never moving what the reader is reading.
 */
export function LiveCoverage({
  slug,
  version,
  coverage,
  island,
}: {
  slug: string;
  version: number;
  coverage: LiveCoverageView;
  island: boolean;
}) {
  const reference = new Date(coverage.latest?.postedAt ?? coverage.startedAt);
  const here = coverage.keyOnly
    ? routes.liveKeyEvents.href(slug)
    : coverage.page === 1
      ? routes.article.href(slug)
      : routes.liveUpdates.href(slug, coverage.page);
  const live = coverage.state === 'live';
  return (
    <section
      id="live"
      aria-labelledby="live-heading"
      className="mt-6"
      data-state={coverage.state}
      data-latest={coverage.latest?.id ?? ''}
      data-version={version}
      data-poll={routes.article.href(slug)}
    >
      <h2 id="live-heading" className="sr-only">
        ライブの更新
      </h2>
      <div id="live-status" className="flex flex-wrap items-baseline gap-x-3 gap-y-1 border-y border-rule py-2 text-sm">
        {live ? (
          <span className="rounded bg-danger px-2 py-0.5 font-bold text-paper">LIVE 更新中</span>
        ) : (
          <span className="rounded bg-note px-2 py-0.5 font-bold text-note-ink">このライブは終了しました</span>
        )}
        <span className="text-muted">
          {coverage.latest ? (
            <>
              最終更新{' '}
              <time dateTime={toTokyoIso(new Date(coverage.latest.postedAt))}>
                {formatJapaneseDateTime(new Date(coverage.latest.postedAt))}
              </time>
            </>
          ) : (
            'まだ更新はありません'
          )}
          {coverage.endedAt ? (
            <>
              {' '}
              ・終了{' '}
              <time dateTime={toTokyoIso(new Date(coverage.endedAt))}>
                {formatJapaneseDateTime(new Date(coverage.endedAt))}
              </time>
            </>
          ) : null}
        </span>
      </div>
      <p className="no-print mt-2 flex flex-wrap gap-x-4 text-sm">
        {live ? <a href={here}>最新の情報に更新</a> : null}
        {coverage.keyOnly ? (
          <Link href={routes.article.href(slug)}>すべての更新を見る</Link>
        ) : (
          <Link href={routes.liveKeyEvents.href(slug)}>重要な出来事だけを見る（{coverage.keyEvents}件）</Link>
        )}
        <a href={routes.liveFeed.href(slug)}>更新のフィード（Atom）</a>
      </p>
      {island && live ? (
        <>
          <div id="live-new" hidden className="sticky top-0 z-10 mt-2 text-center" role="status" aria-live="polite">
            <button type="button" className="rounded-full bg-accent px-4 py-1 text-sm font-bold text-paper shadow">
              新しい更新
            </button>
          </div>
          <script {...{ [ISLAND_ATTRIBUTE]: 'live' }} dangerouslySetInnerHTML={{ __html: LIVE_ISLAND_SOURCE }} />
        </>
      ) : null}
      <div id="live-body">
        {coverage.pinned ? (
          <div id="live-pinned" className="mt-4 rounded border-2 border-accent p-3">
            <p className="text-xs font-bold text-accent">固定された更新</p>
            <LiveUpdate slug={slug} update={coverage.pinned} reference={reference} pinned />
          </div>
        ) : null}
        <ol id="live-list" className="mt-4 space-y-6">
          {coverage.updates.map((update) => (
            <li key={update.id} id={updateAnchor(update.id)} data-update="" tabIndex={-1}>
              <LiveUpdate slug={slug} update={update} reference={reference} />
            </li>
          ))}
        </ol>
        {coverage.updates.length === 0 ? <p className="mt-4 text-muted">まだ更新はありません。</p> : null}
        {coverage.pageCount > 1 && !coverage.keyOnly ? (
          <nav id="live-pages" aria-label="以前の更新" className="mt-6 flex flex-wrap gap-3 text-sm">
            {Array.from({ length: coverage.pageCount }, (_, index) => index + 1).map((page) =>
              page === coverage.page ? (
                <span key={page} aria-current="page" className="font-bold">
                  {page}
                </span>
              ) : (
                <Link key={page} href={page === 1 ? routes.article.href(slug) : routes.liveUpdates.href(slug, page)}>
                  {page}
                </Link>
              ),
            )}
          </nav>
        ) : null}
      </div>
    </section>
  );
}

/** One update, as the live page, its own page and the editors' list show it. */
export function LiveUpdate({
  slug,
  update,
  reference,
  pinned = false,
}: {
  slug: string;
  update: LiveUpdateView;
  reference: Date;
  pinned?: boolean;
}) {
  const posted = new Date(update.postedAt);
  return (
    <article
      aria-labelledby={pinned ? undefined : `${updateAnchor(update.id)}-time`}
      className="border-l-4 border-rule pl-3"
    >
      <p className="flex flex-wrap items-baseline gap-x-2 text-sm">
        <a
          id={pinned ? undefined : `${updateAnchor(update.id)}-time`}
          href={routes.liveUpdate.href(slug, update.id)}
          className="font-bold"
        >
          <time dateTime={toTokyoIso(posted)}>{formatLiveTime(posted, reference)}</time>
        </a>
        {update.keyEvent ? <span className="rounded bg-note px-1.5 text-xs font-bold text-caution">重要</span> : null}
        {update.disclosure !== 'human' ? (
          <span className="rounded bg-note px-1.5 text-xs text-note-ink">{DISCLOSURE_LABELS[update.disclosure]}</span>
        ) : null}
        {update.editedAt ? <span className="text-xs text-muted">（編集済み）</span> : null}
      </p>
      {update.heading ? <h3 className="mt-1 text-lg font-bold">{update.heading}</h3> : null}
      {update.corrections.map((correction, index) => (
        <p key={index} className="mt-2 rounded border-2 border-danger px-2 py-1 text-sm">
          <span className="font-bold text-danger">
            訂正（{formatJapaneseDateTime(new Date(correction.correctedAt))}）
          </span>{' '}
          {correction.whatWasWrong}
        </p>
      ))}
      <div className="article-body">
        {update.paragraphs.map((paragraph, index) => (
          <p key={index}>{paragraph}</p>
        ))}
      </div>
      {update.image ? <ArticleFigure image={update.image} /> : null}
      {update.sources.length > 0 ? (
        <p className="mt-2 text-sm">
          <span className="text-muted">出典：</span>
          {update.sources.map((source, index) => (
            <span key={index} className="mr-3 inline-block">
              <a href={source.url} rel="noopener nofollow">
                {source.title}
              </a>
            </span>
          ))}
        </p>
      ) : null}
    </article>
  );
}
