import 'server-only';
import { z } from 'zod';
import { assertMayEditArticles, ForbiddenError, type Actor } from '../auth/actor';
import { actorLabel, audit } from '../auth/audit';
import { siteUrl } from '../platform/config';
import { routes } from '../routes/registry';
import { recordEvent } from './outbox';
import { cacheTags } from '../cache/tags';
import { normalizeDeep } from '../format/normalize';
import type { Prisma } from '../generated/prisma/client';
import { db } from '../platform/db';
import { disclosureFromDb, disclosureToDb } from './disclosure';
import { NotFoundError, writeArticle, WriteRefused, type StepResult } from './writer';
import type { AfterCommit } from '../cache/expire';

/**
 * Live coverage (docs/decisions/0040): an article of kind `live` follows a story with short,
 * timestamped updates. Every post, edit, deletion and the end of coverage is a write of the live
 * article through the one writer — a new version, a revision, an audit entry, the change feed —
 * so two editors posting at once queue on the article's row and neither update is lost. An update
 * changes nothing a list shows, so it expires the live page alone (decision 0039).
 */

export {
  LIVE_UPDATE_BODY_MAX,
  LIVE_UPDATE_HEADING_MAX,
  LIVE_UPDATE_SOURCES_MAX,
  liveSourceSchema,
  parseLiveSources,
  liveUpdateInputSchema,
  liveUpdateFromKeySchema,
  heldUpdateState,
  type LiveSource,
  type LiveUpdateInput,
  type LiveUpdateFromKey,
  type HeldUpdateState,
} from './live-schema';
import { liveSourceSchema, liveUpdateInputSchema, type LiveUpdateFromKey, type LiveUpdateInput } from './live-schema';

export type LiveResult =
  { ok: true; updateId: number; version: number; notDone: AfterCommit } | { ok: false; message: string };

type LiveUpdateRow = Prisma.LiveUpdateGetPayload<object>;

const authorOf = (actor: Actor) => (actor.kind === 'user' ? actor.name : actorLabel(actor));

async function liveArticle(tx: Prisma.TransactionClient, articleId: number) {
  const article = await tx.article.findUnique({
    where: { id: articleId },
    select: { kind: true, liveState: true, status: true, deletedAt: true },
  });
  if (!article || article.deletedAt) throw new NotFoundError('記事が見つかりません');
  if (article.kind !== 'live')
    throw new WriteRefused('この記事はライブ記事ではありません（記事の種類を「ライブ」にしてください）');
  return article;
}

/** An update's fields as the table stores them, from any way in. */
const storedFields = (input: z.output<typeof liveUpdateInputSchema>) => ({
  heading: input.heading,
  body: input.body,
  keyEvent: input.keyEvent,
  pinned: input.pinned,
  disclosure: disclosureToDb(input.disclosure),
  sources: input.sources,
  imageId: input.imageId,
  imageAlt: input.imageId === null ? null : input.imageAlt,
});

/** One pinned update a page: pinning one unpins the rest (`except` keeps the one being pinned). */
const unpinOthers = (tx: Prisma.TransactionClient, articleId: number, except?: number) =>
  tx.liveUpdate.updateMany({
    where: { articleId, pinned: true, ...(except === undefined ? {} : { NOT: { id: except } }) },
    data: { pinned: false },
  });

function checkImage(input: z.output<typeof liveUpdateInputSchema>): string | null {
  if (input.imageId !== null && !input.imageAlt) return '画像の代替テキストを入力してください';
  return null;
}

async function runLiveWrite(
  actor: Actor,
  articleId: number,
  step: Parameters<typeof writeArticle>[2],
): Promise<LiveResult> {
  assertMayEditArticles(actor);
  let updateId = 0;
  try {
    const outcome = await writeArticle(actor, { id: articleId }, async (tx, before) => {
      const result = await step(tx, before);
      updateId = Number(result.detail?.updateId ?? 0);
      return result;
    });
    if (!outcome) return { ok: false, message: '記事が見つかりません' };
    return { ok: true, updateId, version: outcome.version, notDone: outcome.notDone };
  } catch (error) {
    if (error instanceof WriteRefused) return { ok: false, message: String(error.result) };
    if (error instanceof NotFoundError) return { ok: false, message: error.message || '記事が見つかりません' };
    throw error;
  }
}

/** Posts an update to a live article: one action, nothing else on the page changes. */
export async function postLiveUpdate(actor: Actor, articleId: number, raw: LiveUpdateInput): Promise<LiveResult> {
  const parsed = liveUpdateInputSchema.safeParse(normalizeDeep(raw));
  if (!parsed.success) return { ok: false, message: parsed.error.issues[0]!.message };
  const refusal = checkImage(parsed.data);
  if (refusal) return { ok: false, message: refusal };
  const input = parsed.data;
  return runLiveWrite(actor, articleId, async (tx) => {
    const article = await liveArticle(tx, articleId);
    if (article.liveState === 'ended')
      throw new WriteRefused('このライブは終了しています。再開してから投稿してください');
    if (input.pinned) await unpinOthers(tx, articleId);
    const created = await tx.liveUpdate.create({
      data: { articleId, ...storedFields(input), authorLabel: authorOf(actor) },
      select: { id: true },
    });
    return {
      articleId,
      action: 'live_update_post',
      detail: { updateId: created.id, keyEvent: input.keyEvent, pinned: input.pinned },
      listsUnchanged: true,
    };
  });
}

/**
 * A change to an existing update, through the live article's write: the update is read under the
 * article's lock (refused when it is gone) and kept as it was in a revision before `change` runs.
 */
async function reviseUpdate(
  actor: Actor,
  updateId: number,
  revisionAction:
    'live_update_edit' | 'live_update_correct' | 'live_update_delete' | 'live_update_approve' | 'live_update_reject',
  change: (
    tx: Prisma.TransactionClient,
    article: Awaited<ReturnType<typeof liveArticle>>,
    before: LiveUpdateRow,
  ) => Promise<StepResult>,
): Promise<LiveResult> {
  const existing = await db().liveUpdate.findUnique({ where: { id: updateId }, select: { articleId: true } });
  if (!existing) return { ok: false, message: '更新が見つかりません' };
  return runLiveWrite(actor, existing.articleId, async (tx) => {
    const article = await liveArticle(tx, existing.articleId);
    const before = await tx.liveUpdate.findUnique({ where: { id: updateId } });
    if (!before || before.deletedAt) throw new NotFoundError('更新が見つかりません');
    const { heading, body, keyEvent, pinned, authorLabel } = before;
    await tx.liveUpdateRevision.create({
      data: { updateId, action: revisionAction, heading, body, keyEvent, pinned, authorLabel },
    });
    return change(tx, article, before);
  });
}

export const liveCorrectionSchema = z
  .string()
  .trim()
  .max(1_000)
  .optional()
  .transform((value) => value || null);

/**
 * Edits an update. With a correction note, the change is a public correction: its notice is shown
 * beside the update and on the corrections page, as an article's are.
 */
export async function editLiveUpdate(
  actor: Actor,
  updateId: number,
  raw: LiveUpdateInput,
  correctionNote?: string,
): Promise<LiveResult> {
  const parsed = liveUpdateInputSchema.safeParse(normalizeDeep(raw));
  if (!parsed.success) return { ok: false, message: parsed.error.issues[0]!.message };
  const refusal = checkImage(parsed.data);
  if (refusal) return { ok: false, message: refusal };
  const correction = liveCorrectionSchema.safeParse(correctionNote ? correctionNote.normalize('NFC') : undefined);
  if (!correction.success) return { ok: false, message: '訂正の説明は1,000文字以内にしてください' };
  const note = correction.data;
  const input = parsed.data;
  return reviseUpdate(
    actor,
    updateId,
    note ? 'live_update_correct' : 'live_update_edit',
    async (tx, article, before) => {
      // What a pipeline made stays labelled as AI-made, however an editor reworks it.
      if (before.apiKeyId !== null && input.disclosure === 'human')
        throw new WriteRefused('連携（AI）から届いた更新は「AIが生成」か「AIの補助あり」として示します');
      if (input.pinned) await unpinOthers(tx, before.articleId, updateId);
      await tx.liveUpdate.update({
        where: { id: updateId },
        data: {
          ...storedFields(input),
          editedAt: new Date(),
        },
      });
      // A held update was never shown: changing it corrects nothing readers saw.
      const correcting = note !== null && article.status === 'published' && !before.heldForReview;
      if (correcting)
        await tx.correction.create({
          data: {
            articleId: before.articleId,
            liveUpdateId: updateId,
            correctedAt: new Date(),
            whatWasWrong: note,
            whatChanged: `${input.heading ?? '更新'}を訂正しました`,
            beforeText: before.body,
            afterText: input.body,
            authorLabel: authorOf(actor),
          },
        });
      return {
        articleId: before.articleId,
        action: correcting ? 'article_correct' : 'live_update_edit',
        detail: { updateId },
        listsUnchanged: true,
        ...(correcting ? { alsoExpire: [cacheTags.corrections] } : {}),
      };
    },
  );
}

/** Takes an update down: kept, with its revision, for the record; no longer shown. */
export async function deleteLiveUpdate(actor: Actor, updateId: number): Promise<LiveResult> {
  return reviseUpdate(actor, updateId, 'live_update_delete', async (tx, _article, before) => {
    await tx.liveUpdate.update({ where: { id: updateId }, data: { deletedAt: new Date(), pinned: false } });
    return { articleId: before.articleId, action: 'live_update_delete', detail: { updateId }, listsUnchanged: true };
  });
}

/**
 * An update a pipeline sent (docs/decisions/0040): stored held for review, shown nowhere public,
 * and not a write of the article — readers see nothing change, so no version, no expiry. The audit
 * entry, the webhook event and whatever `alsoInTransaction` writes (the API's remembered answer)
 * commit with it or not at all. An editor then posts it (`approveHeldUpdate`) or turns it down.
 */
export async function holdLiveUpdate(
  actor: Extract<Actor, { kind: 'integration' }>,
  slug: string,
  input: LiveUpdateFromKey,
  alsoInTransaction?: (tx: Prisma.TransactionClient, updateId: number) => Promise<void>,
): Promise<{ ok: true; updateId: number; articleId: number } | { ok: false; status: 404 | 409; message: string }> {
  return db().$transaction(async (tx) => {
    const article = await tx.article.findFirst({
      where: { slug, kind: 'live', deletedAt: null },
      select: { id: true, liveState: true },
    });
    if (!article) return { ok: false, status: 404, message: 'ライブ記事が見つかりません' };
    if (article.liveState === 'ended') return { ok: false, status: 409, message: 'このライブは終了しています' };
    const created = await tx.liveUpdate.create({
      data: {
        articleId: article.id,
        ...storedFields(input),
        authorLabel: actorLabel(actor),
        heldForReview: true,
        apiKeyId: actor.keyId,
      },
      select: { id: true },
    });
    await audit(
      {
        actor,
        action: 'live_update_submit',
        targetType: 'article',
        targetId: article.id,
        detail: { slug, updateId: created.id },
      },
      tx,
    );
    await recordEvent(tx, 'live_update.state_changed', {
      updateId: created.id,
      articleId: article.id,
      slug,
      state: 'held',
      url: null,
    });
    await alsoInTransaction?.(tx, created.id);
    return { ok: true, updateId: created.id, articleId: article.id };
  });
}

const refuseKeys = (actor: Actor) => {
  if (actor.kind === 'integration') throw new ForbiddenError('連携キーではライブの更新を掲載・却下できません');
};

/** An editor posts an update a pipeline sent: from now on readers see it, timed at this moment. */
export async function approveHeldUpdate(actor: Actor, updateId: number): Promise<LiveResult> {
  refuseKeys(actor);
  return reviseUpdate(actor, updateId, 'live_update_approve', async (tx, article, before) => {
    if (!before.heldForReview) throw new WriteRefused('この更新はすでに掲載されています');
    if (article.liveState === 'ended')
      throw new WriteRefused('このライブは終了しています。再開してから掲載してください');
    if (before.pinned) await unpinOthers(tx, before.articleId, updateId);
    const posted = await tx.liveUpdate.update({
      where: { id: updateId },
      data: { heldForReview: false, postedAt: new Date() },
      select: { article: { select: { slug: true, status: true } } },
    });
    await recordEvent(tx, 'live_update.state_changed', {
      updateId,
      articleId: before.articleId,
      slug: posted.article.slug,
      state: 'published',
      url:
        posted.article.status === 'published'
          ? `${siteUrl()}${routes.liveUpdate.href(posted.article.slug, updateId)}`
          : null,
    });
    return {
      articleId: before.articleId,
      action: 'live_update_approve',
      detail: { updateId },
      listsUnchanged: true,
    };
  });
}

/** An editor turns down an update a pipeline sent: kept for the record, never shown. */
export async function rejectHeldUpdate(actor: Actor, updateId: number): Promise<LiveResult> {
  refuseKeys(actor);
  return reviseUpdate(actor, updateId, 'live_update_reject', async (tx, _article, before) => {
    if (!before.heldForReview) throw new WriteRefused('掲載済みの更新は取り下げてください');
    const rejected = await tx.liveUpdate.update({
      where: { id: updateId },
      data: { deletedAt: new Date(), pinned: false },
      select: { article: { select: { slug: true } } },
    });
    await recordEvent(tx, 'live_update.state_changed', {
      updateId,
      articleId: before.articleId,
      slug: rejected.article.slug,
      state: 'rejected',
      url: null,
    });
    return { articleId: before.articleId, action: 'live_update_reject', detail: { updateId }, listsUnchanged: true };
  });
}

/** Ends (or resumes) the coverage: an ended page stops updating and says so. */
export async function setLiveState(actor: Actor, articleId: number, state: 'live' | 'ended'): Promise<LiveResult> {
  return runLiveWrite(actor, articleId, async (tx) => {
    const article = await liveArticle(tx, articleId);
    if (article.liveState === state)
      throw new WriteRefused(state === 'ended' ? 'このライブはすでに終了しています' : 'このライブは更新中です');
    await tx.article.update({
      where: { id: articleId },
      data:
        state === 'ended'
          ? { liveState: 'ended', coverageEndedAt: new Date() }
          : { liveState: 'live', coverageEndedAt: null },
    });
    return { articleId, action: state === 'ended' ? 'live_end' : 'live_resume' };
  });
}

/** The live page's screen: the article's state and every update shown, newest first, as stored. */
export async function getLiveForEditor(actor: Actor, articleId: number) {
  assertMayEditArticles(actor);
  const article = await db().article.findUnique({
    where: { id: articleId },
    select: {
      id: true,
      slug: true,
      title: true,
      kind: true,
      status: true,
      deletedAt: true,
      liveState: true,
      version: true,
      liveUpdates: {
        where: { deletedAt: null },
        orderBy: [{ postedAt: 'desc' }, { id: 'desc' }],
        take: 200,
        select: {
          id: true,
          heading: true,
          body: true,
          keyEvent: true,
          pinned: true,
          disclosure: true,
          sources: true,
          imageId: true,
          imageAlt: true,
          postedAt: true,
          editedAt: true,
          authorLabel: true,
          heldForReview: true,
        },
      },
    },
  });
  if (!article || article.deletedAt) return null;
  return {
    ...article,
    liveUpdates: article.liveUpdates.map((update) => ({
      ...update,
      disclosure: disclosureFromDb(update.disclosure),
      sourcesText: liveSourceSchema
        .array()
        .catch([])
        .parse(update.sources)
        .map((source) => `${source.title} ${source.url}`)
        .join('\n'),
    })),
  };
}
