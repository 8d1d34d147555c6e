import 'server-only';
import { z } from 'zod';
import { assertMayEditArticles, type Actor } from '../auth/actor';
import { normalizeDeep } from '../format/normalize';
import { db } from '../platform/db';
import { blankFormValues, type ArticleFormValues } from '../articles/input';
import { AUTOSAVE_KEY, type AutosaveKey } from './autosave-keys';

/**
 * Autosave: the editor's form, copied to the server every few seconds and when the tab is hidden,
 * so a closed tab or a crashed browser loses seconds, not an hour. The copy is the editor's own:
 * it never touches the article, its revisions or the public pages. It is offered back when they
 * return to the form, and discarded when they save or decline it.
 */

export { AUTOSAVE_KEY, keyForArticle, type AutosaveKey } from './autosave-keys';

const stringRecord = z.record(z.string(), z.string().max(20_000));
/** The form's values as typed: strings and lists of strings, half-finished or not (no validation of content). */
const typedValues = z
  .object({
    sections: z.array(stringRecord).max(50),
    sources: z.array(stringRecord).max(100),
  })
  .catchall(z.string().max(20_000));

export const autosaveInputSchema = z.object({
  key: AUTOSAVE_KEY,
  baseVersion: z.number().int().positive().nullable(),
  values: typedValues,
});

export type Autosave = { values: ArticleFormValues; baseVersion: number | null; savedAt: string };

export async function writeAutosave(
  actor: Actor,
  input: unknown,
): Promise<{ ok: boolean; savedAt?: string; superseded?: true }> {
  assertMayEditArticles(actor);
  if (actor.kind !== 'user') return { ok: false };
  const parsed = autosaveInputSchema.safeParse(input);
  if (!parsed.success) return { ok: false };
  const savedAt = new Date();
  const { key, baseVersion } = parsed.data;
  const values = JSON.stringify(normalizeDeep(parsed.data.values));
  const articleId = key === 'new' ? null : Number(key.slice('article:'.length));
  // One statement: written unless this editor has since saved the article from a later version
  // than the copy's. Such a copy is one sent before their save that arrived after it (the save
  // discarded the copy before it): kept, it would offer back what they had just saved. A copy
  // behind someone else's save is kept: it is this editor's unsaved work.
  const written = await db().$executeRaw`
    INSERT INTO article_autosaves (user_id, key, base_version, values, saved_at)
    SELECT ${actor.userId}, ${key}, ${baseVersion}, ${values}::jsonb, ${savedAt}
    WHERE ${articleId}::int IS NULL OR ${baseVersion}::int IS NULL OR NOT EXISTS (
      SELECT 1 FROM article_revisions
      WHERE article_id = ${articleId}::int AND version > ${baseVersion}::int AND author_id = ${actor.userId}
    )
    ON CONFLICT (user_id, key) DO UPDATE
      SET base_version = EXCLUDED.base_version, values = EXCLUDED.values, saved_at = EXCLUDED.saved_at`;
  if (written === 0) return { ok: false, superseded: true };
  return { ok: true, savedAt: savedAt.toISOString() };
}

/** The editor's copy for this form, when it differs from what is stored (else there is nothing to offer). */
export async function readAutosave(
  actor: Actor,
  key: AutosaveKey,
  stored: ArticleFormValues | null,
): Promise<Autosave | null> {
  assertMayEditArticles(actor);
  if (actor.kind !== 'user') return null;
  const row = await db().articleAutosave.findUnique({
    where: { userId_key: { userId: actor.userId, key } },
    select: { values: true, baseVersion: true, savedAt: true },
  });
  if (!row) return null;
  // Read back through the blank form, so a copy from before a field existed still fills the form.
  const values = { ...blankFormValues(), ...(row.values as Partial<ArticleFormValues>) } as ArticleFormValues;
  if (stored && JSON.stringify(values) === JSON.stringify(stored)) return null;
  return { values, baseVersion: row.baseVersion, savedAt: row.savedAt.toISOString() };
}

export async function discardAutosave(actor: Actor, key: AutosaveKey): Promise<void> {
  assertMayEditArticles(actor);
  if (actor.kind !== 'user') return;
  await db().articleAutosave.deleteMany({ where: { userId: actor.userId, key } });
}
