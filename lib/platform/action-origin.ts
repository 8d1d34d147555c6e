/**
 * A Server Action called from another site. Next compares the call's Origin with the host the
 * request was sent to and refuses a mismatch, but with 500 and an error digest (or by throwing),
 * as if Kiji had failed. This is the same comparison, made before Next sees the request, so that
 * the caller gets what it is: 403, as an RFC 9457 problem document. A call without Origin is let
 * through, as Next lets it (a browser always sends Origin on a POST; a script without one has no
 * editor's cookies to abuse). Pure: the server's request pipeline calls it.
 */

/** The header every Server Action call carries (its action id). */
export const SERVER_ACTION_HEADER = 'next-action';

type RequestLike = { method: string; headers: Headers };

/** The host the request was sent to, as Next reads it: the first X-Forwarded-Host, or Host. */
function requestedHost(headers: Headers): string | null {
  const forwarded = headers.get('x-forwarded-host')?.split(',')[0]?.trim();
  return forwarded || headers.get('host');
}

/** Whether this is a Server Action call from a foreign or opaque (`null`) origin. */
export function isForeignOriginAction(request: RequestLike): boolean {
  if (request.method !== 'POST' || !request.headers.has(SERVER_ACTION_HEADER)) return false;
  const origin = request.headers.get('origin');
  if (origin === null) return false;
  if (origin === 'null') return true;
  let originHost: string;
  try {
    originHost = new URL(origin).host;
  } catch {
    return true;
  }
  return originHost !== requestedHost(request.headers);
}

/** The answer to such a call: 403, saying why, never reaching the action. */
export function foreignOriginActionResponse(): Response {
  return new Response(
    JSON.stringify({
      type: 'about:blank',
      title: 'Forbidden',
      status: 403,
      detail: '他のサイトからの操作は受け付けません',
    }),
    {
      status: 403,
      headers: { 'Content-Type': 'application/problem+json; charset=utf-8', 'Cache-Control': 'no-store' },
    },
  );
}
