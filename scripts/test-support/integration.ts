import { readFileSync } from 'node:fs';
import type { Actor } from '../../lib/auth/actor';
import { blankFormValues, type ArticleFormValues } from '../../lib/articles/input';
import { parseArticleBytes } from '../../lib/articles/text/parse';
import { saveArticle } from '../../lib/editorial/save';

/**
 * What integration tests share, in one place: the seed article as a document, people to act as,
 * and a published article made through the editor's own path. Each test names its own slugs.
 */

/** The seed article's bytes (prisma/seed/articles/000_860667d7943f974c.txt), the fixture every article test starts from. */
export const SEED_ARTICLE_BYTES = readFileSync(
  new URL('../../prisma/seed/articles/000_860667d7943f974c.txt', import.meta.url),
);

/** The seed article as a document. Its 参考・出典 is empty: publishing it takes a reason, as the demo data gives one. */
export function seedDocument() {
  const result = parseArticleBytes(SEED_ARTICLE_BYTES, 'seed.txt');
  if (!result.ok) throw new Error('the seed must parse');
  return { ...result.article, noSourcesReason: '元の記事に出典の記載がないため' };
}

/** A signed-in person to act as: `id` names the user (its address and name follow from it unless given). */
export function userActor(
  id: string,
  role: 'editor' | 'admin' = 'editor',
  details: { email?: string; name?: string } = {},
): Actor & { kind: 'user' } {
  return { kind: 'user', userId: id, email: details.email ?? `${id}@example.jp`, name: details.name ?? id, role };
}

/** A publishable article's form: one section, no sources and the reason why. */
export function articleFormValues(
  slug: string,
  date: Date,
  overrides: Partial<ArticleFormValues> = {},
): ArticleFormValues {
  return {
    ...blankFormValues(date),
    title: `記事 ${slug}`,
    slug,
    lead: 'リード。',
    noSourcesReason: '試験の記事で、出典はないため',
    sections: [{ heading: '見出し', body: '本文。', cites: '' }],
    ...overrides,
  };
}

/** Publishes an article through the editor's save, and returns its id. */
export async function publishArticle(
  actor: Actor,
  slug: string,
  date: Date,
  overrides: Partial<ArticleFormValues> = {},
): Promise<number> {
  const saved = await saveArticle(actor, { intent: 'publish', values: articleFormValues(slug, date, overrides) });
  if (!saved.ok) throw new Error(saved.message);
  return saved.id;
}

/** Makes the users behind `userActor`s exist, so that what they write can name them. */
export async function ensureUsers(...actors: (Actor & { kind: 'user' })[]): Promise<void> {
  const { db } = await import('../../lib/platform/db');
  for (const actor of actors)
    await db().user.upsert({
      where: { id: actor.userId },
      create: { id: actor.userId, name: actor.name, email: actor.email, role: actor.role },
      update: {},
    });
}
