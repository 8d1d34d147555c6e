import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';

/**
 * The shape of the admin's Server Actions (docs/decisions/0032): every action exported from a
 * `'use server'` module under app/admin is declared through the runner (lib/editorial/admin-action.ts),
 * and every admin-only one refuses an editor with 403 before it reads its input or runs.
 */

const session = vi.hoisted(() => ({ current: null as unknown }));
vi.mock('@/lib/auth/session', () => ({
  TWO_FACTOR_PAGE: '/admin/two-factor',
  currentSignIn: async () => session.current,
  needsTwoFactorSetUp: () => false,
  requireRecentSignIn: async () => undefined,
}));

const { declarationOf } = await import('@/lib/editorial/admin-action');

// Next's forbidden() is experimental: this is what `experimental.authInterrupts` sets at build time.
process.env.__NEXT_EXPERIMENTAL_AUTH_INTERRUPTS = 'true';

const ADMIN = path.join(process.cwd(), 'app/admin');

function sources(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(directory, entry.name);
    if (entry.isDirectory()) return sources(full);
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [full] : [];
  });
}

/** A module whose first statement is the `'use server'` directive: every export is a Server Action. */
const isServerActionModule = (file: string) => /^\s*(['"])use server\1/.test(readFileSync(file, 'utf8'));
const actionModules = sources(ADMIN).filter(isServerActionModule);

type Exported = { file: string; exported: string; action: unknown };
const actions: Exported[] = [];

// Loading every action module (and what it imports) takes a while on a busy machine; once for all tests.
beforeAll(async () => {
  for (const file of actionModules) {
    const exports = (await import(file)) as Record<string, unknown>;
    for (const [exported, action] of Object.entries(exports)) actions.push({ file, exported, action });
  }
}, 120_000);

const editor = {
  actor: { kind: 'user', userId: 'editor-1', email: 'editor@example.jp', name: '編集者', role: 'editor' },
  signedInAt: new Date(),
  twoFactorEnabled: true,
  token: 't',
};

/** Fields that parse for any action, so that only the permission can stop it. */
function plausibleForm(overrides: Record<string, string> = {}): FormData {
  const form = new FormData();
  const fields = {
    id: '1',
    version: '1',
    kind: 'delete',
    key: 'pair:a@example.jp|127.0.0.1',
    userId: 'u',
    ...overrides,
  };
  for (const [key, value] of Object.entries(fields)) form.append(key, value);
  return form;
}

async function call(action: unknown, kind: 'form' | 'state', form: FormData): Promise<string> {
  try {
    const run = action as (...args: unknown[]) => Promise<unknown>;
    await (kind === 'state' ? run({}, form) : run(form));
    return 'answered';
  } catch (error) {
    return (error as { digest?: string }).digest ?? String(error);
  }
}

beforeEach(() => {
  session.current = editor;
});

describe('the admin’s Server Actions', () => {
  it('live in modules that export nothing but actions declared through the runner', async () => {
    expect(actionModules.length).toBeGreaterThan(5);
    expect(actions.length).toBeGreaterThanOrEqual(27);
    for (const { file, exported, action } of actions) {
      const where = `${path.relative(ADMIN, file)}: ${exported}`;
      expect(declarationOf(action), `${where} is not declared through defineAction/defineStateAction`).toBeDefined();
      expect(declarationOf(action)!.name, where).toBe(exported);
    }
  });

  it('are never written as plain async functions in a server module', () => {
    for (const file of actionModules) {
      const text = readFileSync(file, 'utf8');
      expect(text, path.relative(ADMIN, file)).not.toMatch(/export\s+(default\s+)?(async\s+)?function/);
    }
  });

  it('refuse an editor with 403 when they are an admin’s, without running', async () => {
    const adminOnly = actions.filter(({ action }) => declarationOf(action)?.declaration.permission === 'admin');
    expect(adminOnly.map(({ exported }) => exported).sort()).toEqual(
      expect.arrayContaining(['createUserAction', 'restoreArticleAction', 'updatePublisherTextAction']),
    );
    for (const { exported, action } of adminOnly) {
      const { kind, declaration } = declarationOf(action)!;
      const run = vi.spyOn(declaration, 'run');
      expect(await call(action, kind, plausibleForm()), exported).toBe('NEXT_HTTP_ERROR_FALLBACK;403');
      expect(run, exported).not.toHaveBeenCalled();
    }
  });

  it('refuse an editor with 403 when the input makes them an admin’s (undoing a deletion)', async () => {
    const conditional = actions.filter(({ action }) => declarationOf(action)?.declaration.adminWhen);
    expect(conditional.map(({ exported }) => exported)).toContain('undoAction');
    for (const { exported, action } of conditional) {
      const { kind, declaration } = declarationOf(action)!;
      const run = vi.spyOn(declaration, 'run');
      expect(await call(action, kind, plausibleForm({ kind: 'delete' })), exported).toBe(
        'NEXT_HTTP_ERROR_FALLBACK;403',
      );
      expect(run, exported).not.toHaveBeenCalled();
    }
  });

  it('let the same editor through to an editor’s action, so the refusals above are the permission’s', async () => {
    const { markContactHandledAction } = await import('./_actions/messages');
    const { declaration } = declarationOf(markContactHandledAction)!;
    const run = vi.spyOn(declaration, 'run').mockResolvedValue(undefined as never);
    expect(await call(markContactHandledAction, 'form', plausibleForm())).toBe('answered');
    expect(run).toHaveBeenCalledOnce();
  });
});
