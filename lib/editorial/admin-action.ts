import 'server-only';
import { revalidatePath } from 'next/cache';
import { forbidden, redirect, unstable_rethrow } from 'next/navigation';
import type { z } from 'zod';
import { ForbiddenError, type Actor } from '../auth/actor';
import { audit, auditScope, type AuditAction } from '../auth/audit';
import { currentSignIn, needsTwoFactorSetUp, requireRecentSignIn, TWO_FACTOR_PAGE } from '../auth/session';
import { expireTags } from '../cache/expire';
import { issuesToFieldErrors, type FieldErrors } from '../articles/input';
import { log } from '../platform/logger.mjs';

/**
 * One shape for every admin Server Action (docs/decisions/0032), as Ghost's API endpoints declare
 * theirs: each action states who may call it, its input's schema, what it records in the audit log
 * and what it expires, and this runner applies them in one order:
 *
 *   session (and two factors) → permission → input → run → audit → expire
 *
 * - session: `anyone` skips it (signing in); otherwise no session is sent to the login page, and
 *   `editor`/`admin` also need two factors set up where the account needs them (admins).
 * - permission: an editor calling an `admin` action (or one whose `adminWhen` holds for its input)
 *   gets 403 through Next's forbidden() (the dashboard's forbidden.tsx page, no-store), never the
 *   data; `recentSignIn` sends an old sign-in to sign in again first. A ForbiddenError the data
 *   layer throws (it checks the caller again) is answered 403 the same way, not 500.
 * - input: the form's fields parsed with `input`; a refusal is a problem document with one error
 *   per field (`invalid` turns it into the form's own answer; without it the action answers
 *   `{ problem }`).
 * - audit: the data layer writes its entries in the transaction of the change, so the command line,
 *   the API and the scheduler record them too; the runner checks that the run recorded no action
 *   its declaration does not name, and writes the entry itself only for `{ runner: action }`.
 * - expire: once the run recorded a change, the declared admin paths are rendered afresh in the
 *   action's answer and the declared tags expired. Article pages' tags are the writer's
 *   (lib/articles/writer.ts), whoever writes.
 *
 * A redirect() or notFound() from the run still passes through audit and expire before it is
 * thrown on to Next.
 */

export type Permission = 'anyone' | 'signed-in' | 'editor' | 'admin';

/** Why the input was refused: an RFC 9457 problem document with one message per field. */
export type ActionProblem = {
  type: 'about:blank';
  title: 'Bad Request';
  status: 400;
  detail: string;
  errors: FieldErrors;
};

export type SignedInActor = Actor & { kind: 'user' };
type ActorOf<P extends Permission> = P extends 'anyone' ? SignedInActor | null : SignedInActor;

export type ActionContext<P extends Permission, Input, Previous> = {
  actor: ActorOf<P>;
  input: Input;
  form: FormData;
  /** The form's state before this call (actions used with useActionState). */
  previous: Previous | undefined;
};

export type ActionDeclaration<P extends Permission, Schema extends z.ZodType, Result, Previous = undefined> = {
  permission: P;
  /** Only for callers who signed in within RECENT_SIGN_IN_SECONDS; the others sign in again, then return here. */
  recentSignIn?: string;
  /** For an `editor` action some of whose inputs are an admin's to give (undo of a deletion). */
  adminWhen?: (input: z.output<Schema>) => boolean;
  input: Schema;
  /** The value `input` parses; by default each field once (a repeated one as a list). */
  from?: (form: FormData) => unknown;
  invalid?: (problem: ActionProblem, form: FormData) => Result | Promise<Result>;
  /**
   * The audit actions a run may record: written by the data layer in the change's transaction, the
   * runner checks nothing else was; `[]` for an action that changes nothing. `{ runner }`: the
   * runner writes it, once the run is done.
   */
  audit: readonly AuditAction[] | { runner: AuditAction };
  /** What a change makes stale: admin paths the answer renders afresh, and cache tags. */
  expires?: { paths?: readonly string[]; tags?: readonly string[] };
  run: (context: ActionContext<P, z.output<Schema>, Previous>) => Promise<Result>;
};

type AnyDeclaration = ActionDeclaration<Permission, z.ZodType, unknown, unknown>;

/** Each declared action's name and declaration, for the test that holds the shape (app/admin/actions.test.ts). */
type Declared = {
  name: string;
  /** `form`: called with the form; `state`: with the previous state, then the form (useActionState). */
  kind: 'form' | 'state';
  declaration: AnyDeclaration;
};
const declarations = new WeakMap<object, Declared>();
export const declarationOf = (action: unknown): Declared | undefined =>
  typeof action === 'function' ? declarations.get(action) : undefined;

/** The form's fields: each once, a repeated one as a list (checkboxes). */
export function formFields(form: FormData): Record<string, FormDataEntryValue | FormDataEntryValue[]> {
  const fields: Record<string, FormDataEntryValue | FormDataEntryValue[]> = {};
  for (const key of new Set(form.keys())) {
    const values = form.getAll(key);
    fields[key] = values.length > 1 ? values : values[0]!;
  }
  return fields;
}

export function inputProblem(issues: z.core.$ZodIssue[]): ActionProblem {
  const errors = issuesToFieldErrors(issues);
  return {
    type: 'about:blank',
    title: 'Bad Request',
    status: 400,
    detail: Object.values(errors)[0] ?? '入力内容を確認してください',
    errors,
  };
}

async function guard(permission: Permission, recentSignIn: string | undefined): Promise<SignedInActor | null> {
  if (permission === 'anyone') return (await currentSignIn())?.actor ?? null;
  const signIn = await currentSignIn();
  if (!signIn) redirect('/admin/login');
  if (permission !== 'signed-in' && needsTwoFactorSetUp(signIn)) redirect(`${TWO_FACTOR_PAGE}?required=1`);
  if (permission === 'admin' && signIn.actor.role !== 'admin') forbidden();
  if (recentSignIn) await requireRecentSignIn(recentSignIn);
  return signIn.actor;
}

/** Whether `error` is one of Next's own signals (redirect, notFound, forbidden …), which pass through. */
function isNextSignal(error: unknown): boolean {
  try {
    unstable_rethrow(error);
    return false;
  } catch {
    return true;
  }
}

function checkAudit(name: string, declared: AnyDeclaration['audit'], recorded: AuditAction[]) {
  const allowed: readonly AuditAction[] = Array.isArray(declared) ? declared : [];
  const undeclared = recorded.filter((action) => !allowed.includes(action));
  if (undeclared.length === 0) return;
  const message = `admin action ${name} recorded ${undeclared.join(', ')}, which its declaration does not name`;
  log.error('admin_action_undeclared_audit', { action: name, undeclared });
  // Saved and recorded all the same; in development and tests the mismatch stops the run.
  if (process.env.NODE_ENV !== 'production') throw new Error(message);
}

async function execute(
  name: string,
  declaration: AnyDeclaration,
  previous: unknown,
  form: FormData | undefined,
): Promise<unknown> {
  const fields = form instanceof FormData ? form : new FormData();
  const actor = await guard(declaration.permission, declaration.recentSignIn);
  const parsed = declaration.input.safeParse((declaration.from ?? formFields)(fields));
  if (!parsed.success) {
    const problem = inputProblem(parsed.error.issues);
    return declaration.invalid ? declaration.invalid(problem, fields) : { problem };
  }
  if (declaration.adminWhen?.(parsed.data) && actor?.role !== 'admin') forbidden();

  const recorded: AuditAction[] = [];
  let result: unknown;
  let signal: unknown = null;
  try {
    result = await auditScope(recorded, () =>
      declaration.run({ actor: actor as SignedInActor, input: parsed.data, form: fields, previous }),
    );
  } catch (error) {
    if (error instanceof ForbiddenError) forbidden();
    if (!isNextSignal(error)) throw error;
    signal = error;
  }

  checkAudit(name, declaration.audit, recorded);
  if (!Array.isArray(declaration.audit) && actor) {
    await audit({ actor, action: (declaration.audit as { runner: AuditAction }).runner });
    recorded.push((declaration.audit as { runner: AuditAction }).runner);
  }
  if (recorded.length > 0) {
    for (const path of declaration.expires?.paths ?? []) revalidatePath(path);
    if (declaration.expires?.tags?.length) await expireTags([...declaration.expires.tags]);
  }
  if (signal) throw signal;
  return result;
}

/** A refused input's answer when the declaration has no `invalid`: the problem (a form ignores it, a script reads it). */
export type ProblemAnswer = { problem: ActionProblem };
type Answer<Result> = [Result] extends [void] ? void : Result | ProblemAnswer;

/**
 * A Server Action taking the form (`<form action={…}>`, or called with a FormData). `name` is the
 * exported name, for the log and the shape's test.
 */
export function defineAction<P extends Permission, Schema extends z.ZodType, Result>(
  name: string,
  declaration: ActionDeclaration<P, Schema, Result> & { invalid: ActionDeclaration<P, Schema, Result>['invalid'] & {} },
): (form: FormData) => Promise<Result>;
export function defineAction<P extends Permission, Schema extends z.ZodType, Result>(
  name: string,
  declaration: ActionDeclaration<P, Schema, Result>,
): (form: FormData) => Promise<Answer<Result>>;
export function defineAction<P extends Permission, Schema extends z.ZodType, Result>(
  name: string,
  declaration: ActionDeclaration<P, Schema, Result>,
): (form: FormData) => Promise<unknown> {
  const action = async (form: FormData) => execute(name, declaration as unknown as AnyDeclaration, undefined, form);
  declarations.set(action, { name, kind: 'form', declaration: declaration as unknown as AnyDeclaration });
  return action;
}

/**
 * A Server Action for useActionState: `(previous state, form) => state`. The state type carries
 * `problem?` for a refused input, unless the declaration's `invalid` answers it in the form's terms.
 */
export function defineStateAction<P extends Permission, Schema extends z.ZodType, State extends object>(
  name: string,
  declaration: ActionDeclaration<P, Schema, State, State>,
): (previous: State, form: FormData) => Promise<State> {
  const action = async (previous: State, form: FormData) =>
    (await execute(name, declaration as unknown as AnyDeclaration, previous, form)) as State;
  declarations.set(action, { name, kind: 'state', declaration: declaration as unknown as AnyDeclaration });
  return action;
}
