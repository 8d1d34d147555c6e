import 'server-only';
import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { cache } from 'react';
import type { Actor } from './actor';
import { auth, SESSION_ABSOLUTE_SECONDS } from './auth';
import { db } from '../platform/db';

/** Sensitive acts (managing users, a password, a lock, two-factor sign-in) need a sign-in this recent. */
export const RECENT_SIGN_IN_SECONDS = 15 * 60;
export const TWO_FACTOR_PAGE = '/admin/two-factor';
/**
 * Where an editor who opened an admin's page is sent: the article list says it is an admin's. An
 * admin's act answers 403 instead (lib/editorial/admin-action.ts).
 */
const FORBIDDEN_PAGE = '/admin?forbidden=1';

type SignedIn = {
  actor: Actor & { kind: 'user' };
  signedInAt: Date;
  twoFactorEnabled: boolean;
  token: string;
};

/**
 * Who is asking, from the session cookie, checked against the database on every request: a revoked
 * session or a disabled user gets nothing, whatever the proxy let through. A session ends 24 hours
 * after its sign-in however busy it has been (Better Auth's own expiry slides with use).
 */
export const currentSignIn = cache(async (): Promise<SignedIn | null> => {
  const session = await auth().api.getSession({ headers: await headers() });
  if (!session) return null;
  const user = session.user as typeof session.user & {
    role?: string | null;
    banned?: boolean | null;
    twoFactorEnabled?: boolean | null;
  };
  if (user.banned) return null;
  const role = user.role === 'admin' ? 'admin' : user.role === 'editor' ? 'editor' : null;
  if (!role) return null;
  const signedInAt = new Date(session.session.createdAt);
  if (Date.now() - signedInAt.getTime() > SESSION_ABSOLUTE_SECONDS * 1000) {
    await db().session.deleteMany({ where: { token: session.session.token } });
    return null;
  }
  return {
    actor: { kind: 'user', userId: user.id, email: user.email, name: user.name, role },
    signedInAt,
    twoFactorEnabled: !!user.twoFactorEnabled,
    token: session.session.token,
  };
});

export const currentActor = cache(async (): Promise<Actor | null> => (await currentSignIn())?.actor ?? null);

/** Admins sign in with two factors: until they have set it up, the set-up page is all they get. */
export function needsTwoFactorSetUp(signIn: SignedIn): boolean {
  return signIn.actor.role === 'admin' && !signIn.twoFactorEnabled;
}

/**
 * The signed-in editor or admin, or null, with no redirect: for a handler that answers readers and
 * editors differently (an embargoed image: 404 for one, the image for the other).
 */
export async function signedInEditor(): Promise<Actor | null> {
  const signIn = await currentSignIn();
  return signIn && !needsTwoFactorSetUp(signIn) ? signIn.actor : null;
}

/** For the two-factor page itself: anyone signed in, set up or not. */
export async function requireSignInPage(): Promise<SignedIn> {
  const signIn = await currentSignIn();
  if (!signIn) redirect('/admin/login');
  return signIn;
}

/** For admin pages: the editor, or a redirect to the login page (or to the two-factor set-up). */
export async function requireEditorPage(): Promise<Actor & { kind: 'user' }> {
  const signIn = await requireSignInPage();
  if (needsTwoFactorSetUp(signIn)) redirect(`${TWO_FACTOR_PAGE}?required=1`);
  return signIn.actor;
}

export async function requireAdminPage(): Promise<Actor & { kind: 'user' }> {
  const actor = await requireEditorPage();
  if (actor.role !== 'admin') redirect(FORBIDDEN_PAGE);
  return actor;
}

/**
 * Before a sensitive act: a sign-in older than RECENT_SIGN_IN_SECONDS is sent to sign in again,
 * and comes back to `returnTo` afterwards.
 */
export async function requireRecentSignIn(returnTo: string): Promise<void> {
  const signIn = await requireSignInPage();
  if (Date.now() - signIn.signedInAt.getTime() > RECENT_SIGN_IN_SECONDS * 1000) {
    redirect(`/admin/login?reauth=1&next=${encodeURIComponent(returnTo)}`);
  }
}
