import 'server-only';

/**
 * Who is asking. Every data-layer function takes an Actor and checks it before touching data,
 * so a request that slips past the proxy still gets nothing.
 */
export type Actor =
  | { kind: 'system'; name: 'cli' | 'seed' | 'scheduler' }
  | { kind: 'user'; userId: string; email: string; name: string; role: 'admin' | 'editor' }
  /** An integration key (lib/api/keys.ts): it may write drafts, never publish and never administer. */
  | { kind: 'integration'; keyId: number; name: string; scopes: readonly string[] };

export class ForbiddenError extends Error {
  constructor(message = 'この操作を行う権限がありません') {
    super(message);
    this.name = 'ForbiddenError';
  }
}

export function assertMayEditArticles(actor: Actor | null | undefined): asserts actor is Actor {
  if (!actor) throw new ForbiddenError('ログインが必要です');
  if (actor.kind === 'system' || actor.kind === 'integration') return;
  if (actor.role !== 'admin' && actor.role !== 'editor') throw new ForbiddenError();
}

export function assertIsAdmin(actor: Actor | null | undefined): asserts actor is Actor {
  if (!actor) throw new ForbiddenError('ログインが必要です');
  if (actor.kind === 'system') return;
  if (actor.kind === 'integration') throw new ForbiddenError('この操作は管理者だけが行えます');
  if (actor.role !== 'admin') throw new ForbiddenError('この操作は管理者だけが行えます');
}

/** The command-line tools run with the machine owner's authority. */
export const cliActor: Actor = { kind: 'system', name: 'cli' };
