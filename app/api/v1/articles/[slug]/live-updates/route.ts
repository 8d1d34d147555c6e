import { sendLiveUpdate } from '@/lib/api/live-updates';
import { problemDocument } from '@/lib/api/problem';
import { answer } from '@/lib/api/submissions';
import { bodyLimitOf, routes } from '@/lib/routes/registry';
import { BodyTooLargeError, readBodyWithin } from '@/lib/platform/request-body';
import { apiHandler } from '@/lib/server/guard';

const notFound = () =>
  answer({
    status: 404,
    body: problemDocument(404, 'not-found', { ja: 'ライブ記事が見つかりません', en: 'There is no such live article' }),
    headers: {},
  });

/** A pipeline sends a live page an update (docs/decisions/0040): 202, held until an editor posts it. */
export const POST = apiHandler(
  'apiLiveUpdates',
  async (request, actor, context: { params: Promise<{ slug: string }> }) => {
    const params = routes.apiLiveUpdates.params.safeParse(await context.params);
    if (!params.success) return notFound();
    let body: Uint8Array;
    try {
      body = await readBodyWithin(request, bodyLimitOf('apiLiveUpdates'));
    } catch (error) {
      if (!(error instanceof BodyTooLargeError)) throw error;
      return answer({
        status: 413,
        body: problemDocument(413, 'too-large', {
          ja: `ライブの更新は ${Math.floor(error.limit / 1024)} KB までです`,
          en: `A live update may be at most ${Math.floor(error.limit / 1024)} KB`,
        }),
        headers: {},
      });
    }
    return answer(
      await sendLiveUpdate(actor, {
        slug: params.data.slug,
        contentType: request.headers.get('content-type'),
        body,
        idempotencyKey: request.headers.get('idempotency-key'),
      }),
    );
  },
);
