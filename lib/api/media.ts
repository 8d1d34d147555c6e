import 'server-only';
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { storeImage } from '../media/images';
import { ImageRefused, imageQueueRefusal } from '../media/process';
import { IMAGE_UPLOAD_MAX_BYTES } from '../media/renditions';
import { QueueFull } from '../media/work-queue';
import { normalizeText } from '../format/normalize';
import { db } from '../platform/db';
import { Prisma } from '../generated/prisma/client';
import type { KeyActor } from './keys';
import { problemDocument, type ProblemItem } from './problem';
import type { ApiAnswer } from './submissions';
import type { ImageReference } from './submission-input';
import { mediaFieldsSchema } from './schemas';

/**
 * A pipeline's images (docs/decisions/0034): `POST /api/v1/media` takes one image as
 * multipart/form-data — `file`, with `alt` (required), `caption`, `credit` and `source` (how the image
 * was made: photograph, ai-generated, illustration; required) — through the dashboard's own image
 * pipeline (lib/media: checked by its bytes, renditions made once, provenance in their XMP). The
 * answer's `id` is what a submission names in `leadImage` or a section's `image`; a key may name only
 * images it sent itself, and what it said of them is used unless the submission says otherwise.
 */

const refusal = (
  status: number,
  type: string,
  ja: string,
  en: string,
  errors?: ProblemItem[],
  headers: Record<string, string> = {},
): ApiAnswer => ({
  status,
  body: problemDocument(status, type, { ja, en }, errors ? { errors } : {}),
  headers,
});

const busy = (seconds: number) =>
  refusal(
    503,
    'busy',
    `画像の処理が混み合っています。${seconds}秒後にもう一度送ってください`,
    `Image processing is busy. Try again in ${seconds} seconds`,
    undefined,
    { 'Retry-After': String(seconds) },
  );

/** Refused before the body is read when the image queue is already full. */
export function mediaQueueRefusal(): ApiAnswer | null {
  const full = imageQueueRefusal();
  return full ? busy(full.retryAfterSeconds) : null;
}

export async function receiveMedia(actor: KeyActor, contentType: string | null, body: Uint8Array): Promise<ApiAnswer> {
  if (!/^multipart\/form-data\s*;/i.test(contentType ?? '')) {
    return refusal(
      415,
      'unsupported-media-type',
      '画像は multipart/form-data で送ってください（file, alt, caption, credit, source）',
      'Send the image as multipart/form-data (file, alt, caption, credit, source)',
    );
  }
  let form: FormData;
  try {
    form = await new Response(body as BodyInit, { headers: { 'Content-Type': contentType! } }).formData();
  } catch {
    return refusal(
      400,
      'malformed',
      'multipart/form-data として読めません',
      'The body is not valid multipart/form-data',
    );
  }
  const file = form.get('file');
  const fields: Record<string, string> = {};
  for (const [name, value] of form.entries()) {
    if (name !== 'file' && typeof value === 'string' && value.trim() !== '') fields[name] = normalizeText(value);
  }
  const errors: ProblemItem[] = [];
  if (!(file instanceof File) || file.size === 0) {
    errors.push({
      parameter: 'file',
      detail: '画像のファイルがありません',
      detailEn: 'The part "file" is missing or empty',
    });
  } else if (file.size > IMAGE_UPLOAD_MAX_BYTES) {
    return refusal(
      413,
      'too-large',
      `画像は ${IMAGE_UPLOAD_MAX_BYTES / 1024 / 1024} MB までです`,
      `An image may be at most ${IMAGE_UPLOAD_MAX_BYTES / 1024 / 1024} MB`,
    );
  }
  const english = mediaFieldsSchema.safeParse(fields);
  if (!english.success) {
    const japanese = mediaFieldsSchema.safeParse(fields, { error: z.locales.ja().localeError });
    english.error.issues.forEach((issue, index) => {
      const name = issue.code === 'unrecognized_keys' ? issue.keys[0]! : String(issue.path[0] ?? '');
      errors.push({
        parameter: name,
        detail: (!japanese.success && japanese.error.issues[index]?.message) || issue.message,
        detailEn: issue.message,
      });
    });
  }
  if (errors.length > 0 || !english.success) {
    return refusal(422, 'invalid-media', '画像の送り方に問題があります', 'The image upload is not valid', errors);
  }
  const meta = english.data;
  const bytes = Buffer.from(await (file as File).arrayBuffer());
  // The same bytes are one image (lib/media/images.ts). One another uploader stored is not this
  // key's to take, nor to give another kind to: its files may already be public, stamped as the
  // editors said. A key may send its own image again (with another description or kind).
  const same = await db().mediaImage.findUnique({
    where: { sha256: createHash('sha256').update(bytes).digest('hex') },
    select: { id: true, apiMedia: { where: { apiKeyId: actor.keyId }, select: { imageId: true } } },
  });
  if (same && same.apiMedia.length === 0) {
    return refusal(
      409,
      'image-exists',
      'この画像はすでに別の送り手が登録しています。自分で用意した画像を送ってください',
      'This image was already stored by another uploader: send an image of your own',
      [{ parameter: 'file', detail: '別の送り手の画像です', detailEn: 'Stored by another uploader' }],
    );
  }
  try {
    const stored = await storeImage(actor, bytes, { source: meta.source });
    const data = {
      alt: meta.alt,
      caption: meta.caption ?? null,
      credit: meta.credit ?? null,
      source: meta.source,
    };
    await db().apiMedia.upsert({
      where: { apiKeyId_imageId: { apiKeyId: actor.keyId, imageId: stored.id } },
      create: { apiKeyId: actor.keyId, imageId: stored.id, ...data },
      update: data,
    });
    return {
      status: 201,
      body: { id: stored.id, width: stored.width, height: stored.height, ...data },
      headers: {},
    };
  } catch (error) {
    if (error instanceof ImageRefused) {
      return refusal(
        422,
        'invalid-media',
        error.message,
        'The file is not an image Kiji takes (JPEG, PNG, WebP, AVIF)',
        [{ parameter: 'file', detail: error.message, detailEn: 'Not an image Kiji takes' }],
      );
    }
    if (error instanceof QueueFull) return busy(error.retryAfterSeconds);
    throw error;
  }
}

export type ResolvedImage = { id: string; alt: string; caption: string; credit: string; source: string };

/**
 * The images a submission names, as the form's fields, each merged with what its key said at upload;
 * or the pointers of those this key did not send (a key cannot use another's, or the newsroom's, images).
 */
export async function resolveImages(
  tx: Prisma.TransactionClient | ReturnType<typeof db>,
  keyId: number,
  references: { pointer: string; reference: ImageReference }[],
): Promise<{ ok: true; images: ResolvedImage[] } | { ok: false; errors: ProblemItem[] }> {
  const ids = [...new Set(references.map(({ reference }) => reference.id))];
  const rows = ids.length ? await tx.apiMedia.findMany({ where: { apiKeyId: keyId, imageId: { in: ids } } }) : [];
  const byId = new Map(rows.map((row) => [row.imageId, row]));
  const errors: ProblemItem[] = [];
  const images = references.map(({ pointer, reference }) => {
    const row = byId.get(reference.id);
    if (!row) {
      errors.push({
        pointer: `${pointer}/id`,
        detail: `画像 ${reference.id} は、この連携キーが POST /api/v1/media で送ったものではありません`,
        detailEn: `Image ${reference.id} was not sent by this key through POST /api/v1/media`,
      });
    }
    return {
      id: String(reference.id),
      alt: reference.alt ?? row?.alt ?? '',
      caption: reference.caption ?? row?.caption ?? '',
      credit: reference.credit ?? row?.credit ?? '',
      source: reference.source ?? row?.source ?? '',
    };
  });
  return errors.length > 0 ? { ok: false, errors } : { ok: true, images };
}
