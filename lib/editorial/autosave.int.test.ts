import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { disconnectDb } from '../platform/db';
import { articleFormValues, ensureUsers, publishArticle, userActor } from '../../scripts/test-support/integration';
import { discardAutosave, keyForArticle, readAutosave, writeAutosave } from './autosave';
import { saveArticle } from './save';

const mine = userActor('autosave-mine');
const theirs = userActor('autosave-theirs');
const date = new Date('2026-12-06T09:00:00Z');

beforeAll(() => ensureUsers(mine, theirs));
afterAll(disconnectDb);

const copy = (slug: string, title: string, baseVersion: number | null, id?: number) => ({
  key: keyForArticle(id),
  baseVersion,
  values: articleFormValues(slug, date, { title }),
});

describe('the autosaved copy of an editor’s form', () => {
  it('refuses a copy that was sent before the editor’s own save and arrives after it, so the save’s discard stands', async () => {
    const id = await publishArticle(mine, 'autosave-late', date);
    expect((await writeAutosave(mine, copy('autosave-late', '書きかけ', 1, id))).ok).toBe(true);
    const saved = await saveArticle(mine, {
      id,
      baseVersion: 1,
      intent: 'publish',
      values: articleFormValues('autosave-late', date, { title: '書きかけ' }),
    });
    if (!saved.ok) throw new Error(saved.message);
    await discardAutosave(mine, keyForArticle(id));
    // The autosave the form sent as the editor pressed save, arriving late.
    expect(await writeAutosave(mine, copy('autosave-late', '書きかけ', 1, id))).toEqual({
      ok: false,
      superseded: true,
    });
    expect(await readAutosave(mine, keyForArticle(id), null)).toBeNull();
    // From the version they saved, their copies are kept again.
    expect((await writeAutosave(mine, copy('autosave-late', '次の書きかけ', 2, id))).ok).toBe(true);
    expect((await readAutosave(mine, keyForArticle(id), null))?.values.title).toBe('次の書きかけ');
  });

  it('keeps a copy behind someone else’s save: it is this editor’s unsaved work', async () => {
    const id = await publishArticle(mine, 'autosave-other', date);
    const saved = await saveArticle(theirs, {
      id,
      baseVersion: 1,
      intent: 'publish',
      values: articleFormValues('autosave-other', date, { title: '別の編集者の版' }),
    });
    if (!saved.ok) throw new Error(saved.message);
    expect((await writeAutosave(mine, copy('autosave-other', '私の書きかけ', 1, id))).ok).toBe(true);
    expect((await readAutosave(mine, keyForArticle(id), null))?.values.title).toBe('私の書きかけ');
  });

  it('keeps the new-article form’s copy, which has no version to be behind', async () => {
    expect((await writeAutosave(mine, copy('autosave-new', '新しい記事', null))).ok).toBe(true);
    expect((await readAutosave(mine, 'new', null))?.values.title).toBe('新しい記事');
  });
});
