import { mediaQueueRefusal, receiveMedia } from '@/lib/api/media';
import { problemDocument } from '@/lib/api/problem';
import { answer } from '@/lib/api/submissions';
import { bodyLimitOf } from '@/lib/routes/registry';
import { BodyTooLargeError, readBodyWithin } from '@/lib/platform/request-body';
import { apiHandler } from '@/lib/server/guard';

/** A pipeline sends one image, multipart with its alt text, caption, credit and source (docs/decisions/0034). */
export const POST = apiHandler('apiMedia', async (request, actor) => {
  const busy = mediaQueueRefusal();
  if (busy) return answer(busy);
  let body: Uint8Array;
  try {
    body = await readBodyWithin(request, bodyLimitOf('apiMedia'));
  } catch (error) {
    if (!(error instanceof BodyTooLargeError)) throw error;
    return answer({
      status: 413,
      body: problemDocument(413, 'too-large', {
        ja: `画像は ${Math.floor(error.limit / 1024 / 1024)} MB までです`,
        en: `An image may be at most ${Math.floor(error.limit / 1024 / 1024)} MB`,
      }),
      headers: {},
    });
  }
  return answer(await receiveMedia(actor, request.headers.get('content-type'), body));
});
