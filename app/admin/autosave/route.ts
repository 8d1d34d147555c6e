import { AUTOSAVE_KEY, discardAutosave, writeAutosave } from '@/lib/editorial/autosave';
import { bodyLimitOf } from '@/lib/routes/registry';
import { BodyTooLargeError, readBodyWithin } from '@/lib/platform/request-body';
import { guardedHandler } from '@/lib/server/guard';

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' },
  });

/** The editor's form, copied to the server (lib/editorial/autosave.ts); `{ key, discard: true }` drops the copy. */
export const POST = guardedHandler('autosave', async (request, actor) => {
  let body: unknown;
  try {
    body = JSON.parse(new TextDecoder().decode(await readBodyWithin(request, bodyLimitOf('autosave'))));
  } catch (error) {
    return json(error instanceof BodyTooLargeError ? 413 : 400, { ok: false });
  }
  const discard = body as { key?: unknown; discard?: unknown };
  if (discard?.discard === true) {
    const key = AUTOSAVE_KEY.safeParse(discard.key);
    if (!key.success) return json(400, { ok: false });
    await discardAutosave(actor, key.data);
    return json(200, { ok: true });
  }
  const result = await writeAutosave(actor, body);
  // 409: a copy older than the editor's own save of the article (lib/editorial/autosave.ts).
  return json(result.ok ? 200 : result.superseded ? 409 : 400, result);
});
