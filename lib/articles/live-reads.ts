import 'server-only';
import { cached } from '../cache/data-cache';
import { cacheTags } from '../cache/tags';
import { splitParagraphs } from '../format/normalize';
import type { Prisma } from '../generated/prisma/client';
import { db } from '../platform/db';
import { disclosureFromDb } from './disclosure';
import { liveSourceSchema, type LiveSource } from './live';
import { publicArticleWhere, publicLiveUpdateWhere, toImageView } from './public';
import type { LiveCoverageView, LiveUpdateView } from './live-views';

/**
 * What a live page shows (docs/decisions/0040): the pinned update, then the updates newest first,
 * LIVE_PAGE_SIZE to a page, or the key events alone. Tagged by the live article alone, so a post
 * expires this page and nothing else, and every instance hears it through the change feed.
 */

export const LIVE_PAGE_SIZE = 20;
/** How many updates the structured data and the Atom feed carry, newest first. */
export const LIVE_JSON_LD_UPDATES = 50;

const updateSelect = {
  id: true,
  heading: true,
  body: true,
  keyEvent: true,
  pinned: true,
  disclosure: true,
  sources: true,
  postedAt: true,
  editedAt: true,
  authorLabel: true,
  imageAlt: true,
  image: { select: { id: true, width: true, height: true, xmpSource: true } },
  corrections: { select: { correctedAt: true, whatWasWrong: true }, orderBy: { correctedAt: 'asc' } },
} satisfies Prisma.LiveUpdateSelect;

type UpdateRow = Prisma.LiveUpdateGetPayload<{ select: typeof updateSelect }>;

function sourcesOf(value: Prisma.JsonValue): LiveSource[] {
  const parsed = liveSourceSchema.array().safeParse(value);
  return parsed.success ? parsed.data : [];
}

export function toLiveUpdateView(row: UpdateRow): LiveUpdateView {
  return {
    id: row.id,
    heading: row.heading,
    paragraphs: splitParagraphs(row.body),
    keyEvent: row.keyEvent,
    pinned: row.pinned,
    disclosure: disclosureFromDb(row.disclosure),
    sources: sourcesOf(row.sources),
    postedAt: row.postedAt.toISOString(),
    editedAt: row.editedAt?.toISOString() ?? null,
    // The kind its files carry (a pipeline's AI-made image says so here too, not 〔写真〕).
    image: toImageView({
      image: row.image && { id: row.image.id, width: row.image.width, height: row.image.height },
      alt: row.imageAlt,
      caption: null,
      credit: null,
      source: row.image?.xmpSource ?? null,
    }),
    corrections: row.corrections.map((correction) => ({
      correctedAt: correction.correctedAt.toISOString(),
      whatWasWrong: correction.whatWasWrong,
    })),
  };
}

async function loadCoverage(slug: string, page: number, keyOnly: boolean): Promise<LiveCoverageView | null> {
  const article = await db().article.findFirst({
    where: { slug, kind: 'live', ...publicArticleWhere() },
    select: { id: true, liveState: true, coverageStartedAt: true, coverageEndedAt: true, publishedAt: true },
  });
  if (!article) return null;
  const shown = { articleId: article.id, ...publicLiveUpdateWhere, ...(keyOnly ? { keyEvent: true } : {}) };
  const [total, keyEvents, rows, pinned, latest] = await Promise.all([
    db().liveUpdate.count({ where: shown }),
    db().liveUpdate.count({ where: { articleId: article.id, ...publicLiveUpdateWhere, keyEvent: true } }),
    db().liveUpdate.findMany({
      where: shown,
      orderBy: [{ postedAt: 'desc' }, { id: 'desc' }],
      skip: (page - 1) * LIVE_PAGE_SIZE,
      take: LIVE_PAGE_SIZE,
      select: updateSelect,
    }),
    keyOnly || page > 1
      ? null
      : db().liveUpdate.findFirst({
          where: { articleId: article.id, ...publicLiveUpdateWhere, pinned: true },
          select: updateSelect,
        }),
    db().liveUpdate.findFirst({
      where: { articleId: article.id, ...publicLiveUpdateWhere },
      orderBy: [{ postedAt: 'desc' }, { id: 'desc' }],
      select: { id: true, postedAt: true },
    }),
  ]);
  const pageCount = Math.max(1, Math.ceil(total / LIVE_PAGE_SIZE));
  if (page > pageCount) return null;
  return {
    state: article.liveState === 'ended' ? 'ended' : 'live',
    startedAt: (article.coverageStartedAt ?? article.publishedAt)!.toISOString(),
    endedAt: article.liveState === 'ended' ? (article.coverageEndedAt?.toISOString() ?? null) : null,
    pinned: pinned ? toLiveUpdateView(pinned) : null,
    updates: rows.map(toLiveUpdateView),
    page,
    pageCount,
    total,
    keyEvents,
    keyOnly,
    latest: latest ? { id: latest.id, postedAt: latest.postedAt.toISOString() } : null,
  };
}

/** A live page's updates; null when the slug is not a public live article, or the page is past the last. */
export const getLiveCoverage = cached(
  'live-coverage',
  ([slug]) => [cacheTags.article(slug)],
  (slug: string, page: number, keyOnly: boolean) => loadCoverage(slug, page, keyOnly),
);

/** One update of a public live article, for its own page. */
export const getLiveUpdate = cached(
  'live-update',
  ([slug]) => [cacheTags.article(slug)],
  async (slug: string, id: number): Promise<LiveUpdateView | null> => {
    const row = await db().liveUpdate.findFirst({
      where: { id, ...publicLiveUpdateWhere, article: { slug, kind: 'live', ...publicArticleWhere() } },
      select: updateSelect,
    });
    return row ? toLiveUpdateView(row) : null;
  },
);

/** Every update of a live article, newest first, for its structured data and its Atom feed. */
export const getLiveUpdatesForMachines = cached(
  'live-updates-all',
  ([slug]) => [cacheTags.article(slug)],
  async (slug: string, take: number): Promise<LiveUpdateView[]> => {
    const rows = await db().liveUpdate.findMany({
      where: { ...publicLiveUpdateWhere, article: { slug, kind: 'live', ...publicArticleWhere() } },
      orderBy: [{ postedAt: 'desc' }, { id: 'desc' }],
      take,
      select: updateSelect,
    });
    return rows.map(toLiveUpdateView);
  },
);
