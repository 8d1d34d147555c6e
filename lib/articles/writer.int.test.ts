import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliActor } from '../auth/actor';
import { articleFieldEntries } from './fields';
import { importArticleDocument } from '../editorial/importer';
import { parseArticleBytes } from './text/parse';
import { addCorrection } from './corrections';
import { db, disconnectDb } from '../platform/db';
import { deleteArticle, restoreArticle } from '../editorial/lifecycle';
import { documentToFormValues } from '../editorial/import-mapping';
import { getArticleForEdit, saveArticle } from '../editorial/save';
import { publishDueArticles } from '../editorial/scheduled-publication';
import { restoreRevision } from '../editorial/revisions';
import { blankFormValues, type ArticleFormValues } from './input';
import { schedulerActor } from '../editorial/scheduler';
import { storeImage } from '../media/images';
import sharp from 'sharp';
import { userActor } from '../../scripts/test-support/integration';
import { sharedStore } from '../cache/store.mjs';
import { runtime } from '../platform/runtime.mjs';

const admin = userActor('writer-admin', 'admin', { name: '書き手の管理者' });

let imageId = 0;

beforeAll(async () => {
  await db().user.upsert({
    where: { id: 'writer-admin' },
    create: {
      id: 'writer-admin',
      name: admin.name,
      email: admin.kind === 'user' ? admin.email : '',
      role: 'admin',
      profileSlug: 'writer-admin',
      bio: '試験の管理者。',
    },
    update: {},
  });
  const photo = await sharp({ create: { width: 800, height: 600, channels: 3, background: '#556677' } })
    .jpeg()
    .toBuffer();
  imageId = (await storeImage(admin, photo)).id;
});
afterAll(disconnectDb);

function parseSeed() {
  const parsed = parseArticleBytes(
    readFileSync(fileURLToPath(new URL('../../prisma/seed/articles/000_860667d7943f974c.txt', import.meta.url))),
    'seed.txt',
  );
  if (!parsed.ok) throw new Error('the seed must parse');
  return parsed.article;
}

/** The seed article, with every declared field given a value that is not its blank one. */
function seedWithEveryField(slug: string): ArticleFormValues {
  const values = documentToFormValues(parseSeed(), {
    slug,
    category: 'economy',
    place: 'ワシントン',
    publishedAt: new Date('2025-10-17T15:00:00Z'),
    noSourcesReason: '元の記事に出典の記載がないため',
    demo: true,
  });
  return {
    ...values,
    subtitle: '会談は平行線、供与の判断は先送り',
    tags: 'ウクライナ, 米国',
    disclosure: 'ai-assisted',
    kind: 'analysis',
    disclaimer: 'この記事はAIの支援を受けて書きました。',
    reviewedBy: '確認 太郎',
    reviewedAt: '2025-10-18T09:15',
    modelName: 'example-model',
    modelVersion: '2025-10',
    promptTemplateVersion: 'v3',
    sourcesRetrievedAt: '2025-10-17T20:00',
    leadImage: String(imageId),
    leadImageAlt: '会見の写真',
    leadImageCaption: '記者会見',
    leadImageCredit: '例示通信',
    leadImageSource: 'photograph',
    editor: 'writer-admin',
  };
}

const history = async (articleId: number) =>
  db().articleRevision.findMany({
    where: { articleId },
    orderBy: { version: 'asc' },
    select: { version: true, action: true, authorLabel: true },
  });
const audits = async (articleId: number) =>
  db().auditEntry.findMany({
    where: { targetType: 'article', targetId: String(articleId) },
    orderBy: { id: 'asc' },
    select: { action: true, actorLabel: true, detail: true },
  });

describe('the one writer of articles', () => {
  it('stores every declared field and reads each back as the editor typed it', async () => {
    const values = seedWithEveryField('writer-every-field');
    const blank = blankFormValues(new Date('2026-01-01T12:34:00Z'));
    // The fixture must exercise each field: a field added to the declaration without a value here fails.
    for (const [name] of articleFieldEntries) expect(values[name], name).not.toBe(blank[name]);

    const saved = await saveArticle(admin, { intent: 'draft', values });
    if (!saved.ok) throw new Error(JSON.stringify(saved));
    const read = await getArticleForEdit(admin, saved.id);
    for (const [name] of articleFieldEntries) expect(read?.values[name], name).toBe(values[name]);
    expect(read?.values.sections.map((section) => section.body.split('\n\n').length)).toEqual(
      values.sections.map((section) => section.body.split('\n\n').length),
    );
    // The revision holds the article as stored, and reads back the same.
    const revision = await db().articleRevision.findFirstOrThrow({
      where: { articleId: saved.id },
      select: { snapshot: true },
    });
    expect(revision.snapshot).toEqual(read?.values);
  });

  it('gives every kind of write its version, its revision with actor and action, and its audit entry', async () => {
    const values = { ...seedWithEveryField('writer-every-write'), datelineDate: '2025-10-18', datelineTime: '10:00' };
    const imported = await importArticleDocument(
      cliActor,
      { ...parseSeed(), noSourcesReason: '元の記事に出典の記載がないため' },
      { slug: 'writer-every-write', category: 'world' },
    );
    const id = (await db().article.findUniqueOrThrow({ where: { slug: imported.slug }, select: { id: true } })).id;

    const edited = await saveArticle(admin, { id, baseVersion: 1, intent: 'publish', values });
    expect(edited.ok).toBe(true);
    expect(
      await addCorrection(admin, id, {
        whatWasWrong: '日付',
        whatChanged: '日付を直した',
        beforeText: '',
        afterText: '',
      }),
    ).toEqual({ ok: true });
    await saveArticle(admin, { id, baseVersion: 3, intent: 'unpublish', values });
    await deleteArticle(admin, id);
    await restoreArticle(admin, id);
    // Scheduled for a time already past: the scheduler's next run publishes it.
    await db().article.update({ where: { id }, data: { status: 'scheduled' } });
    expect(await publishDueArticles(schedulerActor)).toContain('writer-every-write');
    expect((await restoreRevision(admin, id, 2)).ok).toBe(true);

    const versions = await history(id);
    expect(versions.map((row) => row.version)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(versions.map((row) => [row.action, row.authorLabel])).toEqual([
      ['article_import', 'system:cli'],
      ['article_publish', admin.name],
      ['article_correct', admin.name],
      ['article_unpublish', admin.name],
      ['article_delete', admin.name],
      ['article_restore', admin.name],
      ['article_publish', 'system:scheduler'],
      ['article_revision_restore', admin.name],
    ]);
    const entries = await audits(id);
    expect(entries.map((entry) => entry.action)).toEqual(versions.map((row) => row.action));
    expect(entries.map((entry) => (entry.detail as { version: number }).version)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  });

  it('records a correction in the same transaction as its version, and refuses one on an unpublished article without writing', async () => {
    const saved = await saveArticle(admin, { intent: 'draft', values: seedWithEveryField('writer-draft-correction') });
    if (!saved.ok) throw new Error(saved.message);
    const result = await addCorrection(admin, saved.id, {
      whatWasWrong: 'x',
      whatChanged: 'y',
      beforeText: '',
      afterText: '',
    });
    expect(result).toEqual({ ok: false, message: '訂正は公開中の記事にだけ追加できます' });
    expect(await db().correction.count({ where: { articleId: saved.id } })).toBe(0);
    expect((await history(saved.id)).map((row) => row.version)).toEqual([1]);
    expect((await audits(saved.id)).map((entry) => entry.action)).toEqual(['article_create']);
    expect((await db().article.findUniqueOrThrow({ where: { id: saved.id } })).version).toBe(1);
  });

  it('writes nothing at all when a save is refused inside its transaction', async () => {
    const first = await saveArticle(admin, { intent: 'draft', values: seedWithEveryField('writer-taken-slug') });
    const second = await saveArticle(admin, { intent: 'draft', values: seedWithEveryField('writer-other-slug') });
    if (!first.ok || !second.ok) throw new Error('both drafts save');
    const clash = await saveArticle(admin, {
      id: second.id,
      baseVersion: 1,
      intent: 'draft',
      values: seedWithEveryField('writer-taken-slug'),
    });
    expect(clash).toMatchObject({ ok: false, errors: { slug: 'このスラッグは別の記事で使われています' } });
    expect((await db().article.findUniqueOrThrow({ where: { id: second.id } })).version).toBe(1);
    expect(await history(second.id)).toHaveLength(1);
    expect(await audits(second.id)).toHaveLength(1);
  });

  it('reports a save whose cache expiry failed after commit as saved, saying what is not done yet', async () => {
    const state = runtime();
    const store = sharedStore();
    // A shared store that takes nothing: Redis gone, after the transaction has committed.
    state.store = Object.assign(Object.create(store) as typeof store, {
      expireTags: async () => {
        throw new Error('connect ECONNREFUSED 127.0.0.1:6379');
      },
    });
    try {
      const saved = await saveArticle(admin, { intent: 'draft', values: seedWithEveryField('writer-expiry-fails') });
      expect(saved).toMatchObject({ ok: true, message: '下書きを保存しました' });
      if (!saved.ok) throw new Error('saved');
      expect(saved.notDone).toMatch(/^キャッシュの失効（connect ECONNREFUSED 127\.0\.0\.1:6379）/);
      expect(await history(saved.id)).toHaveLength(1);
    } finally {
      state.store = store;
    }
  });
});
