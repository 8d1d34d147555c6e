import { beforeEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';

const session = vi.hoisted(() => ({ current: null as unknown }));
const written = vi.hoisted(() => [] as { action: string }[]);
const revalidated = vi.hoisted(() => [] as string[]);

vi.mock('../auth/session', () => ({
  TWO_FACTOR_PAGE: '/admin/two-factor',
  currentSignIn: async () => session.current,
  needsTwoFactorSetUp: (signIn: { actor: { role: string }; twoFactorEnabled: boolean }) =>
    signIn.actor.role === 'admin' && !signIn.twoFactorEnabled,
  requireRecentSignIn: async () => undefined,
}));
// The audit writer is the real one (its scope is what the runner checks); only its row goes nowhere.
vi.mock('../platform/db', () => ({
  db: () => ({ auditEntry: { create: async ({ data }: { data: { action: string } }) => written.push(data) } }),
}));
vi.mock('next/cache', () => ({ revalidatePath: (path: string) => revalidated.push(path) }));
vi.mock('../cache/expire', () => ({ expireTags: async () => null }));

const { defineAction, defineStateAction } = await import('./admin-action');
const { audit } = await import('../auth/audit');

// Next's forbidden() is experimental: this is what `experimental.authInterrupts` sets at build time.
process.env.__NEXT_EXPERIMENTAL_AUTH_INTERRUPTS = 'true';

const signedIn = (role: 'admin' | 'editor', twoFactorEnabled = true) => ({
  actor: { kind: 'user', userId: `${role}-1`, email: `${role}@example.jp`, name: role, role },
  signedInAt: new Date(),
  twoFactorEnabled,
  token: 't',
});

const form = (fields: Record<string, string>) => {
  const data = new FormData();
  for (const [key, value] of Object.entries(fields)) data.append(key, value);
  return data;
};

/** What a call threw: Next's digest for its signals (redirect, 403), or the message. */
async function thrown(call: Promise<unknown>): Promise<string> {
  try {
    await call;
  } catch (error) {
    return (error as { digest?: string }).digest ?? (error as Error).message;
  }
  return 'nothing thrown';
}

beforeEach(() => {
  session.current = signedIn('editor');
  written.length = 0;
  revalidated.length = 0;
});

describe('an admin action declared through the runner', () => {
  it('sends a caller without a session to sign in, before anything else', async () => {
    session.current = null;
    const run = vi.fn();
    const action = defineAction('a', { permission: 'editor', input: z.object({}), audit: [], run });
    expect(await thrown(action(form({})))).toMatch(/^NEXT_REDIRECT;replace;\/admin\/login;/);
    expect(run).not.toHaveBeenCalled();
  });

  it('sends an admin without two factors to set them up, but lets that session sign out', async () => {
    session.current = signedIn('admin', false);
    const run = vi.fn(async () => 'ran');
    const editorAct = defineAction('a', { permission: 'editor', input: z.object({}), audit: [], run });
    expect(await thrown(editorAct(form({})))).toMatch(/^NEXT_REDIRECT;replace;\/admin\/two-factor\?required=1;/);
    const signOut = defineAction('b', { permission: 'signed-in', input: z.object({}), audit: [], run });
    expect(await signOut(form({}))).toBe('ran');
  });

  it('answers an editor calling an admin’s action 403, without reading its input or running it', async () => {
    const run = vi.fn();
    const from = vi.fn(() => ({}));
    const action = defineAction('a', { permission: 'admin', input: z.object({}), from, audit: [], run });
    expect(await thrown(action(form({})))).toBe('NEXT_HTTP_ERROR_FALLBACK;403');
    expect(from).not.toHaveBeenCalled();
    expect(run).not.toHaveBeenCalled();
    session.current = signedIn('admin');
    await action(form({}));
    expect(run).toHaveBeenCalledOnce();
  });

  it('answers 403 when the input makes it an admin’s act, and when the data layer refuses the caller', async () => {
    const run = vi.fn();
    const undo = defineAction('a', {
      permission: 'editor',
      input: z.object({ kind: z.enum(['delete', 'revision']) }),
      adminWhen: (input) => input.kind === 'delete',
      audit: [],
      run,
    });
    expect(await thrown(undo(form({ kind: 'delete' })))).toBe('NEXT_HTTP_ERROR_FALLBACK;403');
    expect(run).not.toHaveBeenCalled();
    await undo(form({ kind: 'revision' }));
    expect(run).toHaveBeenCalledOnce();

    const { ForbiddenError } = await import('../auth/actor');
    const refused = defineAction('b', {
      permission: 'editor',
      input: z.object({}),
      audit: [],
      run: async () => {
        throw new ForbiddenError();
      },
    });
    expect(await thrown(refused(form({})))).toBe('NEXT_HTTP_ERROR_FALLBACK;403');
  });

  it('refuses a malformed input with a problem document naming each field, and does not run', async () => {
    const run = vi.fn();
    const action = defineAction('a', {
      permission: 'editor',
      input: z.object({ id: z.coerce.number().int().min(1, '記事を選んでください'), kind: z.enum(['a', 'b']) }),
      audit: [],
      run,
    });
    const answer = await action(form({ id: 'abc', kind: 'a' }));
    expect(answer).toEqual({
      problem: {
        type: 'about:blank',
        title: 'Bad Request',
        status: 400,
        detail: expect.any(String),
        errors: { id: expect.any(String) },
      },
    });
    expect(run).not.toHaveBeenCalled();

    const stated = defineStateAction('b', {
      permission: 'editor',
      input: z.object({ id: z.coerce.number().int().min(1, '記事を選んでください') }),
      invalid: (problem): { error?: string } => ({ error: problem.errors.id }),
      audit: [],
      run: async () => ({}),
    });
    expect(await stated({}, form({ id: '0' }))).toEqual({ error: '記事を選んでください' });
  });

  it('passes the parsed input, the actor and the previous state to the run', async () => {
    const action = defineStateAction('a', {
      permission: 'editor',
      input: z.object({ id: z.coerce.number(), scopes: z.array(z.string()) }),
      audit: [],
      run: async ({ actor, input, previous }) => ({ who: actor.email, input, previous }),
    });
    const data = form({ id: '7', scopes: 'read' });
    data.append('scopes', 'write');
    expect(await action({ who: 'before' } as never, data)).toEqual({
      who: 'editor@example.jp',
      input: { id: 7, scopes: ['read', 'write'] },
      previous: { who: 'before' },
    });
  });

  it('refuses a run that records an audit action its declaration does not name', async () => {
    const action = defineAction('a', {
      permission: 'editor',
      input: z.object({}),
      audit: ['article_delete'],
      run: async ({ actor }) => {
        await audit({ actor, action: 'user_create' });
      },
    });
    expect(await thrown(action(form({})))).toMatch(/recorded user_create, which its declaration does not name/);
    const declared = defineAction('b', {
      permission: 'editor',
      input: z.object({}),
      audit: ['article_delete'],
      run: async ({ actor }) => {
        await audit({ actor, action: 'article_delete' });
      },
    });
    await declared(form({}));
    expect(written.map((entry) => entry.action)).toEqual(['user_create', 'article_delete']);
  });

  it('writes the audit entry itself when the declaration says the runner does, even when the run redirects', async () => {
    const { redirect } = await import('next/navigation');
    const action = defineAction('a', {
      permission: 'signed-in',
      input: z.object({}),
      audit: { runner: 'logout' },
      run: async () => redirect('/admin/login'),
    });
    expect(await thrown(action(form({})))).toMatch(/^NEXT_REDIRECT;/);
    expect(written.map((entry) => entry.action)).toEqual(['logout']);
  });

  it('expires its declared paths once a change was recorded, and not when nothing changed', async () => {
    const action = defineAction('a', {
      permission: 'editor',
      input: z.object({ change: z.enum(['yes', 'no']) }),
      audit: ['profile_update'],
      expires: { paths: ['/admin/profile'] },
      run: async ({ actor, input }) => {
        if (input.change === 'yes') await audit({ actor, action: 'profile_update' });
      },
    });
    await action(form({ change: 'no' }));
    expect(revalidated).toEqual([]);
    await action(form({ change: 'yes' }));
    expect(revalidated).toEqual(['/admin/profile']);
  });
});
