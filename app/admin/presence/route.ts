import { z } from 'zod';
import { currentActor } from '@/lib/auth/session';
import { markGone, markPresent } from '@/lib/editorial/presence';
import { EDITOR_REQUEST_HEADER } from '@/lib/routes/editor-requests';

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' },
  });

const presenceSchema = z.object({ articleId: z.number().int().positive(), gone: z.boolean().optional() });

/** An open editor's heartbeat: answered with who else has the article open, and since when. */
export async function POST(request: Request): Promise<Response> {
  if (request.headers.get(EDITOR_REQUEST_HEADER) !== '1') return json(400, { others: [] });
  const actor = await currentActor();
  if (!actor) return json(401, { others: [] });
  const parsed = presenceSchema.safeParse(await request.json().catch(() => null));
  if (!parsed.success) return json(400, { others: [] });
  if (parsed.data.gone) {
    await markGone(actor, parsed.data.articleId);
    return json(200, { others: [] });
  }
  return json(200, { others: await markPresent(actor, parsed.data.articleId) });
}
