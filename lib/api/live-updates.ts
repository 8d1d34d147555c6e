import 'server-only';
import { z } from 'zod';
import { heldUpdateState, holdLiveUpdate, liveUpdateFromKeySchema } from '../articles/live';
import { normalizeDeep } from '../format/normalize';
import { Prisma } from '../generated/prisma/client';
import { siteUrl } from '../platform/config';
import { db } from '../platform/db';
import { routes } from '../routes/registry';
import type { KeyActor } from './keys';
import { problemDocument } from './problem';
import { liveUpdateAcceptedSchema, liveUpdateReportSchema } from './schemas';
import { issuesOf } from './submission-input';
import { idempotencyOf, problemAnswer, remembered, type ApiAnswer } from './submissions';

/**
 * Live updates from the AI desk (docs/decisions/0040): a pipeline sends an update for a live page
 * with an integration key (scope live:write). It is held — stored, shown nowhere — until an editor
 * posts it from the live page's screen or turns it down; the pipeline hears which by webhook
 * (`live_update.state_changed`) or by reading it back. The same review rule as articles: no key
 * can put anything in front of readers. An update a pipeline sends is labelled AI-made.
 */

type LiveUpdateRequest = {
  slug: string;
  contentType: string | null;
  body: Uint8Array;
  idempotencyKey: string | null;
};

const refusal = (status: number, type: string, ja: string, en: string, errors?: { pointer: string }[]) =>
  problemAnswer(
    problemDocument(
      status,
      type,
      { ja, en },
      errors ? { errors: errors.map((e) => ({ ...e, detail: ja, detailEn: en })) } : {},
    ),
  );

function readBody(contentType: string | null, body: Uint8Array): { data: unknown } | { problem: ApiAnswer } {
  const [type, ...parameters] = (contentType ?? '').toLowerCase().split(';');
  const charset = parameters.map((parameter) => parameter.trim()).find((parameter) => parameter.startsWith('charset='));
  if (type?.trim() !== 'application/json' || (charset && !/^charset="?utf-?8"?$/.test(charset)))
    return {
      problem: refusal(
        415,
        'unsupported-media-type',
        'application/json（UTF-8）で送ってください',
        'Send application/json, in UTF-8',
      ),
    };
  try {
    // Normalised as every way in is (NFC, line ends), before it is validated.
    return { data: normalizeDeep(JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(body))) };
  } catch {
    return { problem: refusal(400, 'malformed', 'UTF-8 の JSON として読めません', 'The body is not UTF-8 JSON') };
  }
}

export async function sendLiveUpdate(actor: KeyActor, request: LiveUpdateRequest): Promise<ApiAnswer> {
  const idempotency = idempotencyOf({ ...request, query: new URLSearchParams({ slug: request.slug }) });
  if ('problem' in idempotency) return idempotency.problem;
  const { key: idempotencyKey, requestHash } = idempotency;
  const replay = idempotencyKey === null ? null : await remembered(actor, idempotencyKey, requestHash);
  if (replay) return replay;

  const read = readBody(request.contentType, request.body);
  if ('problem' in read) return read.problem;
  const errors = issuesOf(liveUpdateFromKeySchema, read.data, 'pointer');
  if (errors)
    return problemAnswer(
      problemDocument(
        422,
        'invalid-live-update',
        { ja: 'ライブの更新の内容に問題があります', en: 'The live update is not valid' },
        { errors },
      ),
    );
  const input = liveUpdateFromKeySchema.parse(read.data);
  // An image is one this key sent (POST /api/v1/media), never another's or the dashboard's.
  if (input.imageId !== null) {
    const own = await db().apiMedia.findFirst({
      where: { apiKeyId: actor.keyId, imageId: input.imageId },
      select: { alt: true },
    });
    if (!own)
      return refusal(422, 'invalid-live-update', 'この画像は見つかりません', 'There is no such image', [
        { pointer: '/imageId' },
      ]);
    input.imageAlt ??= own.alt;
  }

  let accepted: ApiAnswer | null = null;
  try {
    const held = await holdLiveUpdate(actor, request.slug, input, async (tx, updateId) => {
      const location = routes.apiLiveUpdate.href(updateId);
      const body = liveUpdateAcceptedSchema.parse({ id: updateId, state: 'held', location });
      accepted = { status: 202, body, headers: { Location: location } };
      if (idempotencyKey !== null)
        await tx.apiIdempotency.create({
          data: { apiKeyId: actor.keyId, key: idempotencyKey, requestHash, status: 202, location, body },
        });
    });
    if (!held.ok)
      return refusal(
        held.status,
        held.status === 404 ? 'not-found' : 'ended',
        held.message,
        held.status === 404 ? 'There is no live article with this slug' : 'This live coverage has ended',
      );
  } catch (error) {
    // The same Idempotency-Key sent twice at once: the first write won; this one is its answer.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002' && idempotencyKey !== null) {
      const again = await remembered(actor, idempotencyKey, requestHash);
      if (again) return again;
    }
    throw error;
  }
  return accepted!;
}

export type LiveUpdateReport = z.infer<typeof liveUpdateReportSchema>;

/** Where an update this key sent stands; null when there is none, or another key sent it. */
export async function readLiveUpdateReport(actor: KeyActor, id: number): Promise<LiveUpdateReport | null> {
  const row = await db().liveUpdate.findFirst({
    where: { id, apiKeyId: actor.keyId },
    select: {
      id: true,
      heldForReview: true,
      deletedAt: true,
      postedAt: true,
      editedAt: true,
      article: { select: { slug: true, status: true, deletedAt: true } },
    },
  });
  if (!row) return null;
  const state = heldUpdateState(row);
  const shown = state === 'published' && row.article.status === 'published' && !row.article.deletedAt;
  return liveUpdateReportSchema.parse({
    id: row.id,
    state,
    slug: row.article.slug,
    postedAt: state === 'published' || state === 'removed' ? row.postedAt.toISOString() : null,
    editedAt: row.editedAt?.toISOString() ?? null,
    url: shown ? `${siteUrl()}${routes.liveUpdate.href(row.article.slug, row.id)}` : null,
  });
}
