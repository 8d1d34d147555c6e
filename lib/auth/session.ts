import 'server-only';
import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { cache } from 'react';
import { assertIsAdmin, assertMayEditArticles, type Actor } from './actor';
import { auth } from './auth';

/**
 * Who is asking, from the session cookie, checked against the database on every request: a revoked
 * session or a disabled user gets nothing, whatever the proxy let through.
 */
export const currentActor = cache(async (): Promise<Actor | null> => {
  const session = await auth().api.getSession({ headers: await headers() });
  if (!session) return null;
  const user = session.user as typeof session.user & { role?: string | null; banned?: boolean | null };
  if (user.banned) return null;
  const role = user.role === 'admin' ? 'admin' : user.role === 'editor' ? 'editor' : null;
  if (!role) return null;
  return { kind: 'user', userId: user.id, email: user.email, name: user.name, role };
});

/** For admin pages: the editor, or a redirect to the login page. */
export async function requireEditorPage(): Promise<Actor & { kind: 'user' }> {
  const actor = await currentActor();
  if (!actor || actor.kind !== 'user') redirect('/admin/login');
  return actor;
}

export async function requireAdminPage(): Promise<Actor & { kind: 'user' }> {
  const actor = await requireEditorPage();
  if (actor.role !== 'admin') redirect('/admin?forbidden=1');
  return actor;
}

/**
 * For Server Actions: the editor; an anonymous caller is sent to the login page, a caller without
 * the role gets a ForbiddenError. The data layer checks again.
 */
export async function requireEditor(): Promise<Actor> {
  const actor = await currentActor();
  if (!actor) redirect('/admin/login');
  assertMayEditArticles(actor);
  return actor;
}

export async function requireAdmin(): Promise<Actor> {
  const actor = await currentActor();
  if (!actor) redirect('/admin/login');
  assertIsAdmin(actor);
  return actor;
}
