import { answer, submit } from '@/lib/api/submissions';
import { problemDocument } from '@/lib/api/problem';
import { bodyLimitOf } from '@/lib/routes/registry';
import { BodyTooLargeError, readBodyWithin } from '@/lib/platform/request-body';
import { apiHandler } from '@/lib/server/guard';

/** A pipeline submits an article (docs/decisions/0030): 202 and where to follow it, or a problem document. */
export const POST = apiHandler('apiSubmissions', async (request, actor) => {
  let body: Uint8Array;
  try {
    body = await readBodyWithin(request, bodyLimitOf('apiSubmissions'));
  } catch (error) {
    if (!(error instanceof BodyTooLargeError)) throw error;
    return answer({
      status: 413,
      body: problemDocument(413, 'too-large', {
        ja: `入稿は ${Math.floor(error.limit / 1024)} KB までです`,
        en: `A submission may be at most ${Math.floor(error.limit / 1024)} KB`,
      }),
      headers: {},
    });
  }
  return answer(
    await submit(actor, {
      contentType: request.headers.get('content-type'),
      body,
      query: new URL(request.url).searchParams,
      idempotencyKey: request.headers.get('idempotency-key'),
    }),
  );
});
