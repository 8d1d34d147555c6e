import { ForbiddenError } from '@/lib/auth/actor';
import { ImageRefused, imageQueueRefusal } from '@/lib/media/process';
import { QueueFull } from '@/lib/media/work-queue';
import { storeImage } from '@/lib/media/images';
import { z } from 'zod';
import { IMAGE_SOURCES, IMAGE_UPLOAD_MAX_BYTES } from '@/lib/media/renditions';
import { guardedHandler } from '@/lib/server/guard';
import { BodyTooLargeError, readBodyWithin } from '@/lib/platform/request-body';

/**
 * The editor's image upload: the file's bytes as the body (its type is read from them), answered
 * with the stored image's id, size and a preview URL as JSON. The custom header is what a
 * cross-site form or a simple cross-origin fetch cannot send, so a signed-in editor's browser
 * cannot be made to upload from another site.
 */

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', ...headers },
  });

/** The image queue is full (lib/media/process.ts): try again shortly, said in words and in Retry-After. */
const busy = (retryAfterSeconds: number) =>
  json(
    503,
    { error: `画像の処理が混み合っています。${retryAfterSeconds}秒ほどおいてから、もう一度お試しください` },
    { 'Retry-After': String(retryAfterSeconds) },
  );

export const POST = guardedHandler('imageUpload', async (request, actor) => {
  // Refused before its body is read when the line is already full (joining it decides for certain).
  const refusal = imageQueueRefusal();
  if (refusal) return busy(refusal.retryAfterSeconds);
  let bytes: Uint8Array;
  try {
    bytes = await readBodyWithin(request, IMAGE_UPLOAD_MAX_BYTES);
  } catch (error) {
    if (error instanceof BodyTooLargeError) {
      return json(413, { error: `画像は${IMAGE_UPLOAD_MAX_BYTES / 1024 / 1024}MBまでです` });
    }
    throw error;
  }
  try {
    // How the image was made, when the editor has already said so: its renditions carry it (XMP).
    const source = z.enum(IMAGE_SOURCES).safeParse(new URL(request.url).searchParams.get('source'));
    return json(201, await storeImage(actor, Buffer.from(bytes), source.success ? { source: source.data } : {}));
  } catch (error) {
    if (error instanceof ImageRefused) return json(422, { error: error.message });
    if (error instanceof QueueFull) return busy(error.retryAfterSeconds);
    if (error instanceof ForbiddenError) return json(403, { error: error.message });
    throw error;
  }
});
