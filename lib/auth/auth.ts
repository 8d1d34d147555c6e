import 'server-only';
import { betterAuth } from 'better-auth';
import { prismaAdapter } from 'better-auth/adapters/prisma';
import { APIError, createAuthMiddleware, getSessionFromCtx, isAPIError } from 'better-auth/api';
import { symmetricDecrypt } from 'better-auth/crypto';
import { nextCookies } from 'better-auth/next-js';
import { admin } from 'better-auth/plugins/admin';
import { adminAc, userAc } from 'better-auth/plugins/admin/access';
import { twoFactor } from 'better-auth/plugins/two-factor';
import { audit } from './audit';
import { db } from '../platform/db';
import { config, siteUrl } from '../platform/config';
import { hashPassword, MIN_PASSWORD_LENGTH, verifyPassword } from './password';
import {
  recordCodeFailure,
  recordCodeSuccess,
  recordFailure,
  recordSuccess,
  reserveAttempt,
  reserveCodeAttempt,
  THROTTLE,
} from './throttle';
import { claimTotpStep } from './second-factor';
import { CLIENT_ADDRESS_HEADER, clientAddressOf } from '../platform/client-address';
import { runtime } from '../platform/runtime.mjs';

/**
 * Better Auth, on Kiji's PostgreSQL through Prisma. Accounts are made by admins (or the CLI), never
 * by signing up; passwords use Argon2id; sessions live in the database; sign-ins are throttled in
 * the database per IP and per account. See docs/decisions/0006-auth.md.
 */

const SIGN_IN_PATH = '/sign-in/email';
/** Where the second step of a sign-in ends: a session exists once one of them succeeds. */
const SECOND_FACTOR_PATHS = new Set(['/two-factor/verify-totp', '/two-factor/verify-backup-code']);
export const GENERIC_LOGIN_FAILURE = 'メールアドレスまたはパスワードが正しくありません';
export const LOCKED_OUT = 'ログインの試行が多すぎます。しばらくしてからもう一度お試しください';
/** Sessions end this long after they began, however busy; an idle one ends after SESSION_IDLE_SECONDS. */
export const SESSION_ABSOLUTE_SECONDS = 24 * 60 * 60;
export const SESSION_IDLE_SECONDS = 12 * 60 * 60;

function emailOf(body: unknown): string {
  const email = (body as { email?: unknown } | undefined)?.email;
  return typeof email === 'string' ? email.trim().toLowerCase().slice(0, 320) : '';
}

type SessionUser = { id: string; email: string; name: string; role?: string | null; twoFactorEnabled?: boolean | null };

async function auditLogin(user: SessionUser, ip: string, method: 'password' | 'totp' | 'recovery-code') {
  await audit({
    actor: {
      kind: 'user',
      userId: user.id,
      email: user.email,
      name: user.name,
      role: user.role === 'admin' ? 'admin' : 'editor',
    },
    action: 'login',
    detail: { ip, method },
  });
}

function createAuth() {
  const SITE_URL = siteUrl();
  return betterAuth({
    appName: 'Kiji',
    baseURL: SITE_URL,
    secret: config().BETTER_AUTH_SECRET,
    database: prismaAdapter(db(), { provider: 'postgresql' }),
    telemetry: { enabled: false },
    emailAndPassword: {
      enabled: true,
      disableSignUp: true,
      minPasswordLength: MIN_PASSWORD_LENGTH,
      maxPasswordLength: 128,
      password: { hash: hashPassword, verify: verifyPassword },
    },
    // Idle sessions end after 12 h; session.ts also ends any session 24 h after it began.
    session: { expiresIn: SESSION_IDLE_SECONDS, updateAge: 60 * 60, cookieCache: { enabled: false } },
    advanced: {
      useSecureCookies: process.env.NODE_ENV === 'production',
      cookiePrefix: 'kiji',
      defaultCookieAttributes: { httpOnly: true, sameSite: 'lax' },
      // The client address is Kiji's own, resolved from the socket and trusted proxies only.
      ipAddress: { ipAddressHeaders: [CLIENT_ADDRESS_HEADER] },
    },
    // Better Auth's own limiter keeps counts per process; ours lives in the database (throttle.ts).
    rateLimit: { enabled: false },
    plugins: [
      admin({ defaultRole: 'editor', adminRoles: ['admin'], roles: { admin: adminAc, editor: userAc } }),
      twoFactor({
        issuer: config().SITE_NAME,
        backupCodeOptions: { amount: 10, length: 10, storeBackupCodes: 'encrypted' },
        // Its lock (ten wrong codes lock the account for everyone) is one anyone with the password
        // could set off against the owner; Kiji throttles codes per account and address instead.
        accountLockout: { enabled: false },
      }),
      nextCookies(),
    ],
    hooks: {
      before: createAuthMiddleware(async (ctx) => {
        if (SECOND_FACTOR_PATHS.has(ctx.path)) return beforeSecondFactor(ctx);
        if (ctx.path !== SIGN_IN_PATH) return;
        const email = emailOf(ctx.body);
        const ip = clientAddressOf(ctx.headers);
        const reservation = await reserveAttempt(email, ip);
        // Refused attempts write nothing to the audit log: an attacker cannot flood it.
        if (!reservation.allowed) throw new APIError('TOO_MANY_REQUESTS', { message: LOCKED_OUT });
        if (reservation.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, reservation.delayMs));
      }),
      after: createAuthMiddleware(async (ctx) => {
        const ip = clientAddressOf(ctx.headers);
        if (SECOND_FACTOR_PATHS.has(ctx.path)) {
          const user = ctx.context.newSession?.user as SessionUser | undefined;
          // A sign-in's second step carries the challenge cookie; confirming a set-up does not.
          const signingIn = await ctx.getSignedCookie(
            ctx.context.createAuthCookie('two_factor').name,
            ctx.context.secret,
          );
          if (user && signingIn && !isAPIError(ctx.context.returned)) {
            await recordCodeSuccess(user.email, ip);
            await auditLogin(user, ip, ctx.path.endsWith('backup-code') ? 'recovery-code' : 'totp');
          } else if (signingIn && isAPIError(ctx.context.returned)) {
            const signingInAs = await userOfChallenge(ctx, signingIn);
            if (signingInAs) await recordCodeFailure(signingInAs.email);
          }
          return;
        }
        if (ctx.path !== SIGN_IN_PATH) return;
        const email = emailOf(ctx.body);
        if (isAPIError(ctx.context.returned)) {
          if ((ctx.context.returned as APIError).statusCode === 429) return;
          const { failureNumber } = await recordFailure(email, ip);
          await auditFailure(email, ip, failureNumber);
          // One message for every failure, a disabled account's right password included: never
          // reveal whether the account exists or the password was right (the route handler
          // gives it one status too, lib/auth/auth-endpoints.ts).
          throw new APIError('UNAUTHORIZED', { message: GENERIC_LOGIN_FAILURE });
        }
        await recordSuccess(email, ip);
        const user = ctx.context.newSession?.user as SessionUser | undefined;
        // With two factors, the sign-in is finished (and recorded) when the code is checked.
        if (user && !user.twoFactorEnabled) await auditLogin(user, ip, 'password');
      }),
    },
  });
}

type HookContext = Parameters<Parameters<typeof createAuthMiddleware>[0]>[0];

const INVALID_CODE = { message: 'Invalid code', code: 'INVALID_CODE' } as const;

/** The account a sign-in's second step is for, from its challenge (the signed two_factor cookie). */
async function userOfChallenge(ctx: HookContext, challenge: string): Promise<{ id: string; email: string } | null> {
  const verification = await ctx.context.internalAdapter.findVerificationValue(challenge);
  if (!verification) return null;
  return db().user.findUnique({ where: { id: verification.value }, select: { id: true, email: true } });
}

/**
 * Before a code is checked: a sign-in's code is counted against this address and account like a
 * password (a guesser's address is locked out, never the owner), and an authenticator code, at
 * sign-in or when confirming the set-up, is claimed for its time step so it is good once
 * (lib/auth/second-factor.ts).
 */
async function beforeSecondFactor(ctx: HookContext): Promise<void> {
  const challenge = await ctx.getSignedCookie(ctx.context.createAuthCookie('two_factor').name, ctx.context.secret);
  const user = challenge ? await userOfChallenge(ctx, challenge) : (await getSessionFromCtx(ctx))?.user;
  // No challenge and no session: Better Auth refuses the request itself.
  if (!user) return;
  if (challenge) {
    const reservation = await reserveCodeAttempt(user.email, clientAddressOf(ctx.headers));
    if (!reservation.allowed) throw new APIError('TOO_MANY_REQUESTS', { message: LOCKED_OUT });
    if (reservation.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, reservation.delayMs));
  }
  if (ctx.path !== '/two-factor/verify-totp') return;
  const code = (ctx.body as { code?: unknown } | undefined)?.code;
  const claim = await claimTotpStep(user.id, typeof code === 'string' ? code : '', (data) =>
    symmetricDecrypt({ key: ctx.context.secretConfig, data }),
  );
  if (claim === 'used') {
    if (challenge) await recordCodeFailure(user.email);
    throw new APIError('UNAUTHORIZED', INVALID_CODE);
  }
}

/**
 * Failed sign-ins, aggregated: one entry when an address first fails on a real account in a
 * window, and one when it is locked out of it. Addresses that match no account are not written
 * at all (they would let anyone write any label into the log); the throttle still counts them.
 */
async function auditFailure(email: string, ip: string, failureNumber: number) {
  if (failureNumber !== 1 && failureNumber !== THROTTLE.pair.max) return;
  const user = await db().user.findUnique({ where: { email }, select: { id: true } });
  if (!user) return;
  await audit({
    actor: { anonymous: email },
    action: failureNumber === 1 ? 'login_failed' : 'login_locked',
    targetType: 'user',
    targetId: user.id,
    detail: { ip, failures: failureNumber },
  });
}

export type KijiAuth = ReturnType<typeof createAuth>;

/** Created on first use, so that importing this module never needs the database. */
export function auth(): KijiAuth {
  const state = runtime();
  state.auth ??= createAuth();
  return state.auth;
}
