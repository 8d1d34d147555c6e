import 'server-only';
import type { Actor } from '../auth/actor';
import { currentSignIn, needsTwoFactorSetUp } from '../auth/session';
import { EDITOR_REQUEST_HEADER } from '../routes/editor-requests';
import { routes, type Guard, type RouteDeclaration, type RouteName } from '../routes/registry';
import { authenticateKey, bearerKey, type KeyActor } from '../api/keys';
import { problemDocument, problemResponse } from '../api/problem';
import type { ApiScope } from '../routes/api-scopes';

/**
 * The one guard of Kiji's request handlers, decided by the route table: an entry's `guard`
 * (lib/routes/registry.ts) says who may use it, and every handler of a guarded entry is wrapped
 * here, so a handler cannot forget a check its pages make. Pages make the same checks through
 * requireEditorPage / requireAdminPage (lib/auth/session.ts): a signed-in, enabled user with the
 * role, and, for an account that needs two factors (admins), two factors set up.
 *
 * Editor handlers are fetched by the editor's own scripts, which send EDITOR_REQUEST_HEADER: a
 * cross-site form cannot send it, and a cross-origin fetch that tries needs a preflight Kiji never
 * grants. Refusals are RFC 9457 problem documents, with the Japanese message as `error`.
 */
type GuardedName = {
  [Name in RouteName]: (typeof routes)[Name] extends { guard: 'editor' | 'admin'; reads: 'handler' } ? Name : never;
}[RouteName];

/** The API's entries: guarded by an integration key's scope. */
type KeyGuardedName = {
  [Name in RouteName]: (typeof routes)[Name] extends { guard: { key: ApiScope } } ? Name : never;
}[RouteName];

export type SignedInActor = Actor & { kind: 'user' };

export function problem(status: number, title: string, error: string): Response {
  return new Response(JSON.stringify({ type: 'about:blank', title, status, detail: error, error }), {
    status,
    headers: { 'Content-Type': 'application/problem+json; charset=utf-8', 'Cache-Control': 'no-store' },
  });
}

/** Who may call a guarded route's handler: the signed-in actor, or the refusal to send. */
export async function guardRequest(name: GuardedName, request: Request): Promise<SignedInActor | Response> {
  const guard = (routes[name] as RouteDeclaration).guard as Guard;
  if (request.headers.get(EDITOR_REQUEST_HEADER) !== '1') {
    return problem(400, 'Bad Request', 'この操作は編集画面からだけ行えます');
  }
  const signIn = await currentSignIn();
  if (!signIn) return problem(401, 'Unauthorized', 'ログインが必要です');
  if (needsTwoFactorSetUp(signIn)) return problem(403, 'Forbidden', '二段階認証の設定が必要です');
  if (guard === 'admin' && signIn.actor.role !== 'admin') return problem(403, 'Forbidden', '管理者だけが行えます');
  return signIn.actor;
}

/** A guarded route's handler: it runs only for a caller the route's guard lets through. */
export function guardedHandler(
  name: GuardedName,
  handler: (request: Request, actor: SignedInActor) => Promise<Response>,
): (request: Request) => Promise<Response> {
  return async (request) => {
    const actor = await guardRequest(name, request);
    return actor instanceof Response ? actor : handler(request, actor);
  };
}

/**
 * Who may call an API route (`guard: { key: scope }`): a bearer integration key holding the scope,
 * unrevoked and within its rate limit (lib/api/keys.ts). Refusals are problem documents in Japanese
 * and English; a missing, unknown or revoked key is 401 with `WWW-Authenticate`, a missing scope 403,
 * too many requests 429 with `Retry-After`. The key itself is never logged or echoed.
 */
export async function guardApiRequest(name: KeyGuardedName, request: Request): Promise<KeyActor | Response> {
  const { key: scope } = (routes[name] as RouteDeclaration).guard as { key: ApiScope };
  const result = await authenticateKey(bearerKey(request.headers.get('authorization')), scope);
  if (result.ok) return result.actor;
  const challenge = { 'WWW-Authenticate': 'Bearer realm="kiji"' };
  switch (result.reason) {
    case 'missing':
      return problemResponse(
        problemDocument(401, 'unauthorized', {
          ja: '連携キーが必要です（Authorization: Bearer kiji_…）',
          en: 'An integration key is required (Authorization: Bearer kiji_…)',
        }),
        challenge,
      );
    case 'invalid':
    case 'revoked':
      return problemResponse(
        problemDocument(401, 'unauthorized', {
          ja: 'この連携キーは使えません（無効化されたか、存在しません）',
          en: 'This integration key is not valid (revoked or unknown)',
        }),
        { 'WWW-Authenticate': 'Bearer realm="kiji", error="invalid_token"' },
      );
    case 'scope':
      return problemResponse(
        problemDocument(403, 'forbidden', {
          ja: `この連携キーには権限「${result.scope}」がありません`,
          en: `This integration key lacks the scope "${result.scope}"`,
        }),
      );
    case 'rate':
      return problemResponse(
        problemDocument(429, 'rate-limited', {
          ja: `要求が多すぎます。${result.retryAfterSeconds}秒後にもう一度送ってください`,
          en: `Too many requests. Try again in ${result.retryAfterSeconds} seconds`,
        }),
        { 'Retry-After': String(result.retryAfterSeconds) },
      );
  }
}

/**
 * An API route's handler: it runs only for a key its route's guard lets through. With `openWhen`,
 * a request that sends no key at all is let through as `null` while `openWhen()` is true (the read
 * API an admin has made public); a request that sends a key is always held to it, so a revoked key
 * is 401 either way.
 */
export function apiHandler<Context>(
  name: KeyGuardedName,
  handler: (request: Request, actor: KeyActor, context: Context) => Promise<Response>,
): (request: Request, context: Context) => Promise<Response>;
export function apiHandler<Context>(
  name: KeyGuardedName,
  handler: (request: Request, actor: KeyActor | null, context: Context) => Promise<Response>,
  options: { openWhen: () => Promise<boolean> },
): (request: Request, context: Context) => Promise<Response>;
export function apiHandler<Context>(
  name: KeyGuardedName,
  handler: (request: Request, actor: KeyActor, context: Context) => Promise<Response>,
  options?: { openWhen: () => Promise<boolean> },
): (request: Request, context: Context) => Promise<Response> {
  return async (request, context) => {
    if (options && !request.headers.has('authorization') && (await options.openWhen())) {
      return (handler as (request: Request, actor: KeyActor | null, context: Context) => Promise<Response>)(
        request,
        null,
        context,
      );
    }
    const actor = await guardApiRequest(name, request);
    return actor instanceof Response ? actor : handler(request, actor, context);
  };
}
