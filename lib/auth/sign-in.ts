import 'server-only';
import { APIError } from 'better-auth/api';
import { headers } from 'next/headers';
import { z } from 'zod';
import { audit } from './audit';
import { db } from '../platform/db';
import { auth, GENERIC_LOGIN_FAILURE } from './auth';
import { currentSignIn } from './session';

/**
 * Signing in, in one or two steps, and setting up the second factor: what the login and two-factor
 * forms call. Better Auth does the work on the server (its HTTP endpoints for these are closed or
 * validated, lib/auth/auth-endpoints.ts); the throttle and the audit entries live in its hooks.
 */

export type SignInOutcome =
  { outcome: 'signed-in' } | { outcome: 'second-factor' } | { outcome: 'refused'; message: string };

const CODE_REFUSED = '確認コードが正しくありません';

export const signInCodeSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('totp'),
    code: z
      .string()
      .trim()
      .regex(/^\d{6}$/, '6桁の数字を入力してください'),
  }),
  z.object({
    kind: z.literal('recovery'),
    code: z.string().trim().min(1, '回復コードを入力してください').max(32, CODE_REFUSED),
  }),
]);

const messageOf = (error: unknown, fallback: string) =>
  error instanceof APIError ? error.message || fallback : fallback;

/**
 * The password step. Signing in again while signed in (to confirm a sensitive act) replaces the
 * old session, so that the fresh one is the only one this browser holds.
 */
export async function signInWithPassword(email: string, password: string): Promise<SignInOutcome> {
  const previous = await currentSignIn();
  let result: unknown;
  try {
    result = await auth().api.signInEmail({ body: { email, password }, headers: await headers() });
  } catch (error) {
    return { outcome: 'refused', message: messageOf(error, GENERIC_LOGIN_FAILURE) };
  }
  if (previous) await db().session.deleteMany({ where: { token: previous.token } });
  return (result as { twoFactorRedirect?: boolean }).twoFactorRedirect
    ? { outcome: 'second-factor' }
    : { outcome: 'signed-in' };
}

/** The second step: a code from the authenticator app, or one of the recovery codes (used once). */
export async function finishSignInWithCode(input: z.input<typeof signInCodeSchema>): Promise<SignInOutcome> {
  const parsed = signInCodeSchema.safeParse(input);
  if (!parsed.success) return { outcome: 'refused', message: parsed.error.issues[0]!.message };
  try {
    const requestHeaders = await headers();
    if (parsed.data.kind === 'totp') {
      await auth().api.verifyTOTP({ body: { code: parsed.data.code }, headers: requestHeaders });
    } else {
      await auth().api.verifyBackupCode({ body: { code: parsed.data.code }, headers: requestHeaders });
    }
  } catch {
    return { outcome: 'refused', message: CODE_REFUSED };
  }
  return { outcome: 'signed-in' };
}

export type TwoFactorSetUp = { totpURI: string; secret: string; recoveryCodes: string[] };

/** Step one of setting up: the password again, then a new secret and recovery codes to keep. */
export async function startTwoFactorSetUp(password: string): Promise<TwoFactorSetUp | { error: string }> {
  const signIn = await currentSignIn();
  if (!signIn) return { error: 'ログインが必要です' };
  try {
    const result = await auth().api.enableTwoFactor({ body: { password, method: 'totp' }, headers: await headers() });
    if (result.method !== 'totp') return { error: '設定を始められませんでした' };
    const secret = new URL(result.totpURI).searchParams.get('secret') ?? '';
    return { totpURI: result.totpURI, secret, recoveryCodes: result.backupCodes };
  } catch (error) {
    return {
      error:
        messageOf(error, '') === 'TOTP is already enabled' ? 'すでに設定されています' : 'パスワードが正しくありません',
    };
  }
}

/** Step two: a code from the app proves it holds the secret; only then is the second factor on. */
export async function confirmTwoFactorSetUp(code: string): Promise<{ ok: true } | { error: string }> {
  const signIn = await currentSignIn();
  if (!signIn) return { error: 'ログインが必要です' };
  const parsed = signInCodeSchema.safeParse({ kind: 'totp', code });
  if (!parsed.success) return { error: parsed.error.issues[0]!.message };
  try {
    await auth().api.verifyTOTP({ body: { code: parsed.data.code }, headers: await headers() });
  } catch {
    return { error: CODE_REFUSED };
  }
  await audit({ actor: signIn.actor, action: 'two_factor_enable', targetType: 'user', targetId: signIn.actor.userId });
  return { ok: true };
}

/** Editors may turn it off again (with their password); admins may not, since it is required of them. */
export async function turnOffTwoFactor(password: string): Promise<{ ok: true } | { error: string }> {
  const signIn = await currentSignIn();
  if (!signIn) return { error: 'ログインが必要です' };
  if (signIn.actor.role === 'admin') return { error: '管理者は二段階認証を無効にできません' };
  try {
    await auth().api.disableTwoFactor({ body: { password }, headers: await headers() });
  } catch {
    return { error: 'パスワードが正しくありません' };
  }
  await audit({ actor: signIn.actor, action: 'two_factor_disable', targetType: 'user', targetId: signIn.actor.userId });
  return { ok: true };
}
