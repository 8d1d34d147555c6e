import { ForbiddenError } from '@/lib/auth/actor';
import { currentActor } from '@/lib/auth/session';
import { ImageRefused } from '@/lib/media/process';
import { storeImage } from '@/lib/media/images';
import { z } from 'zod';
import { IMAGE_SOURCES, IMAGE_UPLOAD_MAX_BYTES } from '@/lib/media/renditions';
import { EDITOR_REQUEST_HEADER } from '@/lib/routes/editor-requests';
import { BodyTooLargeError, readBodyWithin } from '@/lib/platform/request-body';

/**
 * The editor's image upload: the file's bytes as the body (its type is read from them), answered
 * with the stored image's id, size and a preview URL as JSON. The custom header is what a
 * cross-site form or a simple cross-origin fetch cannot send, so a signed-in editor's browser
 * cannot be made to upload from another site.
 */

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' },
  });

export async function POST(request: Request): Promise<Response> {
  if (request.headers.get(EDITOR_REQUEST_HEADER) !== '1')
    return json(400, { error: 'アップロードの形式が正しくありません' });
  const actor = await currentActor();
  if (!actor) return json(401, { error: 'ログインが必要です' });
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
    if (error instanceof ForbiddenError) return json(403, { error: error.message });
    throw error;
  }
}
