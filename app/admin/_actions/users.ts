'use server';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { ForbiddenError } from '@/lib/auth/actor';
import { clearSignInLock } from '@/lib/auth/throttle';
import {
  createUserAccount,
  resetUserPassword,
  roleSchema,
  setUserDisabled,
  setUserRole,
  UserInputError,
} from '@/lib/auth/users';
import { defineAction, defineStateAction } from '@/lib/editorial/admin-action';

/** Managing accounts and sign-in locks: an admin's, with a recent sign-in. */

export type UserFormState = { error?: string; field?: string; message?: string };

const USERS_PAGE = '/admin/users';

/** The account functions refuse bad input with a message for the form (lib/auth/users.ts). */
async function userAnswer(run: () => Promise<unknown>, message: string): Promise<UserFormState> {
  try {
    await run();
    return { message };
  } catch (error) {
    if (error instanceof UserInputError) return { error: error.message, field: error.field };
    if (error instanceof ForbiddenError) return { error: error.message };
    throw error;
  }
}

export const createUserAction = defineStateAction('createUserAction', {
  permission: 'admin',
  recentSignIn: USERS_PAGE,
  input: z.object({
    role: roleSchema,
    email: z.string().default(''),
    name: z.string().default(''),
    password: z.string().default(''),
  }),
  invalid: (problem): UserFormState =>
    problem.errors.role ? { error: '権限を選んでください', field: 'role' } : { error: problem.detail },
  audit: ['user_create'],
  // The action's answer carries the users page rendered afresh: the row shows the change at once.
  expires: { paths: [USERS_PAGE] },
  run: ({ actor, input }) => userAnswer(() => createUserAccount(actor, input), 'アカウントを作成しました'),
});

export const updateUserAction = defineStateAction('updateUserAction', {
  permission: 'admin',
  recentSignIn: USERS_PAGE,
  input: z.discriminatedUnion(
    'operation',
    [
      z.object({ operation: z.literal('role'), userId: z.string().min(1).max(100), role: roleSchema }),
      z.object({ operation: z.enum(['disable', 'enable']), userId: z.string().min(1).max(100) }),
      z.object({
        operation: z.literal('password'),
        userId: z.string().min(1).max(100),
        password: z.string().default(''),
      }),
    ],
    { error: '操作を選んでください' },
  ),
  invalid: (problem): UserFormState => ({ error: problem.detail }),
  audit: ['user_role', 'user_disable', 'user_enable', 'user_password_reset'],
  expires: { paths: [USERS_PAGE] },
  run: async ({ actor, input }): Promise<UserFormState> => {
    switch (input.operation) {
      case 'role':
        return userAnswer(() => setUserRole(actor, input.userId, input.role), '権限を変更しました');
      case 'disable':
        return userAnswer(() => setUserDisabled(actor, input.userId, true), 'アカウントを無効にしました');
      case 'enable':
        return userAnswer(() => setUserDisabled(actor, input.userId, false), 'アカウントを有効にしました');
      case 'password':
        return userAnswer(() => resetUserPassword(actor, input.userId, input.password), 'パスワードを再設定しました');
    }
  },
});

export const clearSignInLockAction = defineAction('clearSignInLockAction', {
  permission: 'admin',
  recentSignIn: USERS_PAGE,
  input: z.object({ key: z.string().min(1).max(500) }),
  audit: ['login_unlock'],
  run: async ({ actor, input }) => {
    await clearSignInLock(actor, input.key);
    redirect(USERS_PAGE);
  },
});
