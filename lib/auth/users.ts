import 'server-only';
import { normalizeText } from '../format/normalize';
import { z } from 'zod';
import { assertIsAdmin, type Actor } from './actor';
import { audit } from './audit';
import { auth } from './auth';
import { passwordProblem } from './password';
import { db } from '../platform/db';

/** Accounts, managed by admins only (and by the machine owner through `npm run admin:create`). */

export const roleSchema = z.enum(['admin', 'editor']);
export type Role = z.infer<typeof roleSchema>;

export const newUserSchema = z
  .object({
    email: z.string().trim().toLowerCase().email('メールアドレスの形式が正しくありません').max(320),
    name: z.string().trim().min(1, '名前を入力してください').max(100),
    password: z.string(),
    role: roleSchema,
  })
  .superRefine((value, ctx) => {
    const problem = passwordProblem(value.password, value.email);
    if (problem) ctx.addIssue({ code: 'custom', path: ['password'], message: problem });
  });

export class UserInputError extends Error {
  constructor(
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'UserInputError';
  }
}

export type UserRow = { id: string; email: string; name: string; role: Role; disabled: boolean; createdAt: string };

export async function createUserAccount(actor: Actor, input: z.input<typeof newUserSchema>): Promise<UserRow> {
  assertIsAdmin(actor);
  // The password is taken exactly as typed; the name and address are normalised like all text.
  const parsed = newUserSchema.safeParse({
    ...input,
    name: normalizeText(String(input.name ?? '')),
    email: normalizeText(String(input.email ?? '')),
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new UserInputError(issue.message, String(issue.path[0] ?? ''));
  }
  const { email, name, password, role } = parsed.data;
  if (await db().user.findUnique({ where: { email }, select: { id: true } })) {
    throw new UserInputError(`${email} はすでに登録されています`, 'email');
  }
  const context = await auth().$context;
  const user = await context.internalAdapter.createUser(
    { email, name, role, emailVerified: true },
    { method: 'admin' },
  );
  await context.internalAdapter.linkAccount({
    userId: user.id,
    providerId: 'credential',
    accountId: user.id,
    password: await context.password.hash(password),
  });
  await audit({ actor, action: 'user_create', targetType: 'user', targetId: user.id, detail: { email, role } });
  return { id: user.id, email, name, role, disabled: false, createdAt: new Date(user.createdAt).toISOString() };
}

export async function listUsers(actor: Actor): Promise<UserRow[]> {
  assertIsAdmin(actor);
  const rows = await db().user.findMany({
    orderBy: { createdAt: 'asc' },
    select: { id: true, email: true, name: true, role: true, banned: true, createdAt: true },
  });
  return rows.map((row) => ({
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role === 'admin' ? 'admin' : 'editor',
    disabled: !!row.banned,
    createdAt: row.createdAt.toISOString(),
  }));
}

export async function setUserRole(actor: Actor, userId: string, role: Role): Promise<void> {
  assertIsAdmin(actor);
  roleSchema.parse(role);
  if (actor.kind === 'user' && actor.userId === userId) throw new UserInputError('自分の権限は変更できません');
  await db().user.update({ where: { id: userId }, data: { role } });
  await audit({ actor, action: 'user_role', targetType: 'user', targetId: userId, detail: { role } });
}

/** Disabling ends every session of that user at once. */
export async function setUserDisabled(actor: Actor, userId: string, disabled: boolean): Promise<void> {
  assertIsAdmin(actor);
  if (actor.kind === 'user' && actor.userId === userId) throw new UserInputError('自分のアカウントは無効にできません');
  await db().$transaction([
    db().user.update({
      where: { id: userId },
      data: { banned: disabled, banReason: disabled ? 'disabled by an admin' : null },
    }),
    ...(disabled ? [db().session.deleteMany({ where: { userId } })] : []),
  ]);
  await audit({ actor, action: disabled ? 'user_disable' : 'user_enable', targetType: 'user', targetId: userId });
}

export async function resetUserPassword(actor: Actor, userId: string, password: string): Promise<void> {
  assertIsAdmin(actor);
  const user = await db().user.findUniqueOrThrow({ where: { id: userId }, select: { email: true } });
  const problem = passwordProblem(password, user.email);
  if (problem) throw new UserInputError(problem, 'password');
  const context = await auth().$context;
  await context.internalAdapter.updatePassword(userId, await context.password.hash(password));
  await db().session.deleteMany({ where: { userId } });
  await audit({ actor, action: 'user_password_reset', targetType: 'user', targetId: userId });
}
