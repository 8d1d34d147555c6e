import { afterAll, describe, expect, it } from 'vitest';
import { cliActor, type Actor } from '../auth/actor';
import { loadPublishedArticle } from '../articles/public-reads';
import { db, disconnectDb } from '../platform/db';
import { saveArticle } from './save';
import { blankFormValues, type ArticleFormValues } from '../articles/input';
import {
  getEditorProfile,
  getOwnProfile,
  listIndexableProfileSlugs,
  listSigningEditors,
  updateOwnProfile,
} from './profiles';

afterAll(disconnectDb);

const sato: Actor = {
  kind: 'user',
  userId: 'byline-sato',
  email: 'sato@example.jp',
  name: '佐藤 花子',
  role: 'editor',
};
const suzuki: Actor = {
  kind: 'user',
  userId: 'byline-suzuki',
  email: 'suzuki@example.jp',
  name: '鈴木 一郎',
  role: 'editor',
};

async function ensureUser(actor: Actor & { kind: 'user' }) {
  await db().user.upsert({
    where: { id: actor.userId },
    create: { id: actor.userId, name: actor.name, email: actor.email, role: actor.role },
    update: {},
  });
}

function signed(slug: string, editor: string): ArticleFormValues {
  return {
    ...blankFormValues(new Date('2025-10-18T03:00:00Z')),
    title: '署名のある記事',
    slug,
    lead: 'リード。',
    noSourcesReason: '試験の記事で、出典はないため',
    sections: [{ heading: '見出し', body: '本文。', cites: '' }],
    editor,
  };
}

describe('bylines and editors’ profiles', () => {
  it('let only an editor with a profile sign an article, and show readers who signed it', async () => {
    await ensureUser(sato as Actor & { kind: 'user' });
    const refused = await saveArticle(cliActor, {
      intent: 'publish',
      values: signed('byline-before-profile', 'byline-sato'),
    });
    expect(refused).toMatchObject({ ok: false, errors: { editor: expect.stringContaining('プロフィール') } });

    expect(
      await updateOwnProfile(sato, {
        profileSlug: 'sato-hanako',
        jobTitle: '編集委員',
        bio: '経済を担当。\r\n\r\n元記者。',
      }),
    ).toEqual({ ok: true });
    expect(await getOwnProfile(sato)).toMatchObject({ profileSlug: 'sato-hanako', bio: '経済を担当。\n\n元記者。' });
    expect(await listSigningEditors(sato)).toContainEqual({ value: 'byline-sato', label: '佐藤 花子（編集委員）' });

    const saved = await saveArticle(cliActor, { intent: 'publish', values: signed('byline-signed', 'byline-sato') });
    expect(saved.ok).toBe(true);
    expect((await loadPublishedArticle('byline-signed'))!.byline).toEqual({
      slug: 'sato-hanako',
      name: '佐藤 花子',
      jobTitle: '編集委員',
    });
    const profile = (await getEditorProfile('sato-hanako'))!;
    expect(profile).toMatchObject({ name: '佐藤 花子', jobTitle: '編集委員' });
    expect(profile.articles.map((article) => article.slug)).toContain('byline-signed');
    // A real article signed: the profile is for search engines, and in the sitemap.
    expect(profile.indexable).toBe(true);
    expect(await listIndexableProfileSlugs()).toContain('sato-hanako');
  });

  it('keep each profile URL to one editor, and refuse a malformed one', async () => {
    await ensureUser(suzuki as Actor & { kind: 'user' });
    await updateOwnProfile(sato, { profileSlug: 'sato-hanako', jobTitle: '', bio: '経済を担当。' });
    expect(
      await updateOwnProfile(suzuki, { profileSlug: 'sato-hanako', jobTitle: '', bio: '政治を担当。' }),
    ).toMatchObject({
      ok: false,
      errors: { profileSlug: expect.stringContaining('別の編集者') },
    });
    expect(await updateOwnProfile(suzuki, { profileSlug: 'Suzuki Ichiro', jobTitle: '', bio: '' })).toMatchObject({
      ok: false,
      errors: { profileSlug: expect.any(String), bio: expect.any(String) },
    });
    expect(await getEditorProfile('no-such-editor')).toBeNull();
    // Signing nothing real yet: readable, but not for search engines.
    await updateOwnProfile(suzuki, { profileSlug: 'suzuki-ichiro', jobTitle: '', bio: '政治を担当。' });
    expect((await getEditorProfile('suzuki-ichiro'))!.indexable).toBe(false);
    expect(await listIndexableProfileSlugs()).not.toContain('suzuki-ichiro');
  });
});
