import { z } from 'zod';
import { markGone, markPresent } from '@/lib/editorial/presence';
import { BodyTooLargeError, readBodyWithin } from '@/lib/platform/request-body';
import { bodyLimitOf } from '@/lib/routes/registry';
import { guardedHandler } from '@/lib/server/guard';

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' },
  });

const presenceSchema = z.object({ articleId: z.number().int().positive(), gone: z.boolean().optional() });

/** An open editor's heartbeat: answered with who else has the article open, and since when. */
export const POST = guardedHandler('presence', async (request, actor) => {
  let body: unknown = null;
  try {
    body = JSON.parse(new TextDecoder().decode(await readBodyWithin(request, bodyLimitOf('presence'))));
  } catch (error) {
    if (error instanceof BodyTooLargeError) return json(413, { others: [] });
  }
  const parsed = presenceSchema.safeParse(body);
  if (!parsed.success) return json(400, { others: [] });
  if (parsed.data.gone) {
    await markGone(actor, parsed.data.articleId);
    return json(200, { others: [] });
  }
  return json(200, { others: await markPresent(actor, parsed.data.articleId) });
});
