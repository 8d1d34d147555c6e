import 'server-only';
import type { Actor } from '../auth/actor';
import { currentSignIn, needsTwoFactorSetUp } from '../auth/session';
import { EDITOR_REQUEST_HEADER } from '../routes/editor-requests';
import { routes, type Guard, type RouteDeclaration, type RouteName } from '../routes/registry';

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
  [Name in RouteName]: (typeof routes)[Name] extends { guard: Guard; reads: 'handler' } ? Name : never;
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
  const { guard } = routes[name] as RouteDeclaration;
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
