import 'server-only';
import { betterAuth } from 'better-auth';
import { prismaAdapter } from 'better-auth/adapters/prisma';
import { APIError, createAuthMiddleware, isAPIError } from 'better-auth/api';
import { nextCookies } from 'better-auth/next-js';
import { admin } from 'better-auth/plugins/admin';
import { adminAc, userAc } from 'better-auth/plugins/admin/access';
import { audit } from '../editorial/audit';
import { db } from '../platform/db';
import { config, siteUrl } from '../platform/config';
import { hashPassword, MIN_PASSWORD_LENGTH, verifyPassword } from './password';
import { clearFailures, clientIp, isLocked, recordFailure } from './throttle';
import { runtime } from '../platform/runtime.mjs';

/**
 * Better Auth, on Kiji's PostgreSQL through Prisma. Accounts are made by admins (or the CLI), never
 * by signing up; passwords use Argon2id; sessions live in the database; sign-ins are throttled in
 * the database per IP and per account. See docs/decisions/0006-auth.md.
 */

const SIGN_IN_PATH = '/sign-in/email';
export const GENERIC_LOGIN_FAILURE = 'メールアドレスまたはパスワードが正しくありません';
export const LOCKED_OUT = 'ログインの試行が多すぎます。しばらくしてからもう一度お試しください';

function emailOf(body: unknown): string {
  const email = (body as { email?: unknown } | undefined)?.email;
  return typeof email === 'string' ? email.trim().toLowerCase().slice(0, 320) : '';
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
    session: { expiresIn: 60 * 60 * 12, updateAge: 60 * 60, cookieCache: { enabled: false } },
    advanced: {
      useSecureCookies: process.env.NODE_ENV === 'production',
      cookiePrefix: 'kiji',
      defaultCookieAttributes: { httpOnly: true, sameSite: 'lax' },
    },
    // Better Auth's own limiter keeps counts per process; ours lives in the database (throttle.ts).
    rateLimit: { enabled: false },
    plugins: [
      admin({ defaultRole: 'editor', adminRoles: ['admin'], roles: { admin: adminAc, editor: userAc } }),
      nextCookies(),
    ],
    hooks: {
      before: createAuthMiddleware(async (ctx) => {
        if (ctx.path !== SIGN_IN_PATH) return;
        const email = emailOf(ctx.body);
        const ip = clientIp(ctx.headers);
        if ((await isLocked('ip', ip)) || (email && (await isLocked('account', email)))) {
          await audit({
            actor: { anonymous: email || 'unknown' },
            action: 'login_failed',
            detail: { reason: 'throttled', ip },
          });
          throw new APIError('TOO_MANY_REQUESTS', { message: LOCKED_OUT });
        }
      }),
      after: createAuthMiddleware(async (ctx) => {
        if (ctx.path !== SIGN_IN_PATH) return;
        const email = emailOf(ctx.body);
        const ip = clientIp(ctx.headers);
        if (isAPIError(ctx.context.returned)) {
          if ((ctx.context.returned as APIError).statusCode === 429) return;
          await recordFailure('ip', ip);
          if (email) await recordFailure('account', email);
          await audit({ actor: { anonymous: email || 'unknown' }, action: 'login_failed', detail: { ip } });
          // One message for every failure: never reveal whether the account exists.
          throw new APIError('UNAUTHORIZED', { message: GENERIC_LOGIN_FAILURE });
        }
        await clearFailures('account', email);
        const user = await db().user.findUnique({ where: { email }, select: { id: true, role: true, name: true } });
        if (user) {
          await audit({
            actor: {
              kind: 'user',
              userId: user.id,
              email,
              name: user.name,
              role: user.role === 'admin' ? 'admin' : 'editor',
            },
            action: 'login',
            detail: { ip },
          });
        }
      }),
    },
  });
}

export type KijiAuth = ReturnType<typeof createAuth>;

/** Created on first use, so that importing this module never needs the database. */
export function auth(): KijiAuth {
  const state = runtime();
  state.auth ??= createAuth();
  return state.auth as KijiAuth;
}
