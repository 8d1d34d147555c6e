'use server';
import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { auth } from '@/lib/auth/auth';
import { finishSignInWithCode, signInWithPassword } from '@/lib/auth/sign-in';
import { defineAction, defineStateAction } from '@/lib/editorial/admin-action';

/** Signing in and out: the only admin actions open to anyone (signing out needs a session). */

export type LoginState = { error?: string; email?: string; step?: 'password' | 'code'; next?: string };

/** Where a sign-in returns to: an admin path of this site, never another origin. */
function returnPath(value: unknown): string {
  const path = typeof value === 'string' ? value : '';
  return /^\/admin(\/[\w\-./?=&%]*)?$/.test(path) && !path.includes('//') ? path : '/admin';
}

/** What sign-in records: a success, a first failure and a lock-out (lib/auth/auth.ts). */
const SIGN_IN_AUDIT = ['login', 'login_failed', 'login_locked'] as const;

export const loginAction = defineStateAction('loginAction', {
  permission: 'anyone',
  input: z.object({
    email: z.string().trim().max(320).min(1),
    password: z.string().max(200).min(1),
    next: z.unknown().transform(returnPath),
  }),
  invalid: (_problem, form): LoginState => ({
    error: 'メールアドレスとパスワードを入力してください',
    next: returnPath(form.get('next')),
  }),
  audit: SIGN_IN_AUDIT,
  run: async ({ input: { email, password, next } }): Promise<LoginState> => {
    const result = await signInWithPassword(email, password);
    if (result.outcome === 'refused') return { error: result.message, email, next };
    if (result.outcome === 'second-factor') return { step: 'code', email, next };
    redirect(next);
  },
});

export const signInCodeAction = defineStateAction('signInCodeAction', {
  permission: 'anyone',
  input: z.object({
    kind: z.enum(['totp', 'recovery']).catch('totp'),
    code: z.string().default(''),
    next: z.unknown().transform(returnPath),
  }),
  audit: SIGN_IN_AUDIT,
  run: async ({ input: { kind, code, next } }): Promise<LoginState> => {
    const result = await finishSignInWithCode({ kind, code });
    if (result.outcome !== 'signed-in') {
      return { step: 'code', error: result.outcome === 'refused' ? result.message : undefined, next };
    }
    redirect(next);
  },
});

export const logoutAction = defineAction('logoutAction', {
  permission: 'signed-in',
  input: z.object({}),
  audit: { runner: 'logout' },
  run: async () => {
    await auth().api.signOut({ headers: await headers() });
    redirect('/admin/login');
  },
});
