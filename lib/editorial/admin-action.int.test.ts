import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { db, disconnectDb } from '../platform/db';
import { publishArticle, userActor } from '../../scripts/test-support/integration';

/**
 * The runner against the real data layer: the audit entries a write records inside its Prisma
 * transaction reach the runner's check, and a recorded change is what makes it expire its paths.
 */

const editor = userActor('runner-editor', 'editor', { name: '実行 編集者' });
const revalidated = vi.hoisted(() => [] as string[]);

vi.mock('../auth/session', () => ({
  TWO_FACTOR_PAGE: '/admin/two-factor',
  currentSignIn: async () => ({ actor: editor, signedInAt: new Date(), twoFactorEnabled: true, token: 't' }),
  needsTwoFactorSetUp: () => false,
  requireRecentSignIn: async () => undefined,
}));
vi.mock('next/cache', () => ({ revalidatePath: (path: string) => revalidated.push(path), revalidateTag: () => {} }));

const { defineAction } = await import('./admin-action');
const { deleteArticle } = await import('./lifecycle');
const { deleteArticleAction } = await import('../../app/admin/_actions/articles');
const { updateProfileAction } = await import('../../app/admin/_actions/profile');

afterAll(disconnectDb);
beforeAll(async () => {
  await db().user.upsert({
    where: { id: editor.userId },
    create: { id: editor.userId, name: editor.name, email: editor.email, role: 'editor' },
    update: {},
  });
});

const form = (fields: Record<string, string>) => {
  const data = new FormData();
  for (const [key, value] of Object.entries(fields)) data.append(key, value);
  return data;
};

async function digestOf(call: Promise<unknown>): Promise<string> {
  try {
    await call;
    return 'answered';
  } catch (error) {
    return (error as { digest?: string }).digest ?? (error as Error).message;
  }
}

describe('an admin action run against the database', () => {
  it('deletes through the writer, records what it declares, and goes on to its redirect', async () => {
    const id = await publishArticle(editor, 'runner-delete', new Date('2025-10-18T03:00:00Z'));
    expect(await digestOf(deleteArticleAction(form({ id: String(id) })))).toMatch(
      new RegExp(`^NEXT_REDIRECT;replace;/admin/articles/${id}\\?saved=delete;`),
    );
    const row = await db().article.findUniqueOrThrow({ where: { id }, select: { deletedAt: true } });
    expect(row.deletedAt).toBeInstanceOf(Date);
  });

  it('sees an entry written inside the writer’s transaction that its declaration does not name', async () => {
    const id = await publishArticle(editor, 'runner-undeclared', new Date('2025-10-18T03:00:00Z'));
    const misdeclared = defineAction('misdeclared', {
      permission: 'editor',
      input: z.object({ id: z.coerce.number() }),
      audit: ['article_edit'],
      run: ({ actor, input }) => deleteArticle(actor, input.id),
    });
    expect(await digestOf(misdeclared(form({ id: String(id) })))).toMatch(
      /misdeclared recorded article_delete, which its declaration does not name/,
    );
  });

  it('renders the profile page afresh after a change, and not after a refused one', async () => {
    revalidated.length = 0;
    const refused = await updateProfileAction({}, form({ profileSlug: 'Not A Slug!', jobTitle: '', bio: '' }));
    expect(refused).toMatchObject({ errors: { profileSlug: expect.any(String) } });
    expect(revalidated).toEqual([]);
    const saved = await updateProfileAction(
      {},
      form({ profileSlug: 'runner-editor', jobTitle: '記者', bio: '紹介。' }),
    );
    expect(saved).toMatchObject({ saved: true });
    expect(revalidated).toEqual(['/admin/profile']);
  });
});
