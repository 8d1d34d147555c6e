import 'server-only';
import { z } from 'zod';
import { assertMayEditArticles, type Actor } from '../auth/actor';
import { actorLabel } from '../auth/audit';
import { cacheTags } from '../cache/tags';
import { normalizeDeep } from '../format/normalize';
import type { Prisma } from '../generated/prisma/client';
import { db } from '../platform/db';
import { disclosureSchema } from './text/primitives';
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

export const LIVE_UPDATE_BODY_MAX = 4_000;
export const LIVE_UPDATE_HEADING_MAX = 120;
export const LIVE_UPDATE_SOURCES_MAX = 10;

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `${max}文字以内にしてください`)
    .optional()
    .transform((value) => value || null);

/** One source of an update: a title and its URL, as "タイトル https://…" on a line of the form. */
export const liveSourceSchema = z.object({
  title: z.string().trim().min(1).max(300),
  url: z.url({ protocol: /^https?$/, message: '出典の URL は http(s):// で始めてください' }).max(2_000),
});
export type LiveSource = z.infer<typeof liveSourceSchema>;

/** Reads the form's sources field: one source per line, the URL last. */
export function parseLiveSources(text: string): { sources: LiveSource[] } | { error: string } {
  const sources: LiveSource[] = [];
  for (const [index, raw] of text.split('\n').entries()) {
    const line = raw.trim();
    if (!line) continue;
    const match = /^(.*?)\s*(https?:\/\/\S+)$/u.exec(line);
    const parsed = liveSourceSchema.safeParse({ title: match?.[1] || match?.[2], url: match?.[2] });
    if (!match || !parsed.success)
      return { error: `出典の${index + 1}行目は「タイトル URL」の形にしてください（URL は http(s)://）` };
    sources.push(parsed.data);
  }
  if (sources.length > LIVE_UPDATE_SOURCES_MAX)
    return { error: `出典は${LIVE_UPDATE_SOURCES_MAX}件までにしてください` };
  return { sources };
}

export const liveUpdateInputSchema = z.object({
  heading: optionalText(LIVE_UPDATE_HEADING_MAX),
  body: z
    .string()
    .trim()
    .min(1, '更新の本文を入力してください')
    .max(LIVE_UPDATE_BODY_MAX, `本文は${LIVE_UPDATE_BODY_MAX}文字以内にしてください`),
  keyEvent: z.boolean().default(false),
  pinned: z.boolean().default(false),
  disclosure: disclosureSchema.default('human'),
  sources: z.array(liveSourceSchema).max(LIVE_UPDATE_SOURCES_MAX).default([]),
  imageId: z.number().int().min(1).nullable().default(null),
  imageAlt: optionalText(300),
});
export type LiveUpdateInput = z.input<typeof liveUpdateInputSchema>;

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
    const disclosure = input.disclosure;
    if (input.pinned) await tx.liveUpdate.updateMany({ where: { articleId, pinned: true }, data: { pinned: false } });
    const created = await tx.liveUpdate.create({
      data: {
        articleId,
        heading: input.heading,
        body: input.body,
        keyEvent: input.keyEvent,
        pinned: input.pinned,
        disclosure: disclosureToDb(disclosure),
        sources: input.sources,
        imageId: input.imageId,
        imageAlt: input.imageId === null ? null : input.imageAlt,
        authorLabel: authorOf(actor),
      },
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
  revisionAction: 'live_update_edit' | 'live_update_correct' | 'live_update_delete',
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
      if (input.pinned)
        await tx.liveUpdate.updateMany({
          where: { articleId: before.articleId, pinned: true, NOT: { id: updateId } },
          data: { pinned: false },
        });
      await tx.liveUpdate.update({
        where: { id: updateId },
        data: {
          heading: input.heading,
          body: input.body,
          keyEvent: input.keyEvent,
          pinned: input.pinned,
          disclosure: disclosureToDb(input.disclosure),
          sources: input.sources,
          imageId: input.imageId,
          imageAlt: input.imageId === null ? null : input.imageAlt,
          editedAt: new Date(),
        },
      });
      const correcting = note !== null && article.status === 'published';
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
