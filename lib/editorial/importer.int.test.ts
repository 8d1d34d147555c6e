import { afterAll, describe, expect, it } from 'vitest';
import { cliActor } from '../auth/actor';
import { importArticleDocument } from './importer';
import { seedDocument } from '../../scripts/test-support/integration';
import { parseArticleBytes } from '../articles/text/parse';
import { loadLatestArticles, loadPublishedArticle } from '../articles/public-reads';
import { db, disconnectDb } from '../platform/db';

afterAll(disconnectDb);

describe('importing an article', () => {
  it('stores the seed article with its sections in order and its date from the lead', async () => {
    const saved = await importArticleDocument(cliActor, seedDocument(), {
      slug: 'store-seed',
      category: 'world',
      place: 'ワシントン',
    });
    expect(saved).toMatchObject({ slug: 'store-seed', path: '/articles/store-seed', created: true });
    const article = await loadPublishedArticle('store-seed');
    expect(article?.sections.map((section) => section.heading)).toEqual([
      'ホワイトハウスの握手と、その先の距離感',
      '「止めるべきだ」という号令が映す現実',
      '電話と会合、交錯する舞台裏',
      '次の一手を探るキーウ',
    ]);
    expect(article?.publishedAt).toBe('2025-10-17T15:00:00.000Z');
    expect(article?.datelinePlace).toBe('ワシントン');
    expect(article?.category).toEqual({ slug: 'world', name: '国際' });
    expect(article?.updatedAt).toBe(article?.publishedAt);
  });

  it('imports a hostile title as the plain text it is, and stores it unchanged', async () => {
    const title = '<script>alert(1)</script>見出し</title><img src=x onerror=alert(2)>';
    const parsed = parseArticleBytes(
      Buffer.from(`${title}\n\n2025年10月18日、リードの文である。\n\n見出し\n\n本文である。\n`),
      'hostile.txt',
    );
    if (!parsed.ok) throw new Error(parsed.problems[0]!.message);
    await importArticleDocument(
      cliActor,
      { ...parsed.article, noSourcesReason: '試験のため' },
      { slug: 'store-hostile-title', category: 'world' },
    );
    expect((await loadPublishedArticle('store-hostile-title'))?.title).toBe(title);
  });

  it('updates the article with the same slug instead of duplicating it', async () => {
    const changed = { ...seedDocument(), title: '改題された記事', sections: seedDocument().sections.slice(0, 2) };
    const saved = await importArticleDocument(cliActor, changed, { slug: 'store-seed' });
    expect(saved.created).toBe(false);
    expect(await db().article.count({ where: { slug: 'store-seed' } })).toBe(1);
    const row = await db().article.findUniqueOrThrow({ where: { slug: 'store-seed' }, include: { sections: true } });
    expect(row.title).toBe('改題された記事');
    expect(row.sections).toHaveLength(2);
    expect(row.version).toBe(2);
  });

  it('goes through the editor’s writer: each import is a revision by cli and an audit entry, and kind is kept', async () => {
    const { id } = await db().article.findUniqueOrThrow({ where: { slug: 'store-seed' }, select: { id: true } });
    const revisions = await db().articleRevision.findMany({ where: { articleId: id }, orderBy: { version: 'asc' } });
    expect(revisions.map((revision) => [revision.version, revision.authorLabel])).toEqual([
      [1, 'system:cli'],
      [2, 'system:cli'],
    ]);
    expect((revisions[1]!.snapshot as { title: string }).title).toBe('改題された記事');
    expect(await db().auditEntry.count({ where: { action: 'article_import', targetId: String(id) } })).toBe(2);

    await importArticleDocument(cliActor, { ...seedDocument(), kind: 'analysis' }, { slug: 'store-analysis' });
    const analysis = await db().article.findUniqueOrThrow({
      where: { slug: 'store-analysis' },
      select: { id: true, kind: true },
    });
    expect(analysis.kind).toBe('analysis');
    const [revision] = await db().articleRevision.findMany({ where: { articleId: analysis.id } });
    expect((revision!.snapshot as { kind: string }).kind).toBe('analysis');
  });

  it('takes a JSON document’s subtitle into the article, its revision and its public page', async () => {
    const subtitle = '会談は平行線、供与の判断は先送り';
    await importArticleDocument(cliActor, { ...seedDocument(), subtitle }, { slug: 'store-subtitle' });
    expect((await loadPublishedArticle('store-subtitle'))?.subtitle).toBe(subtitle);
    const { id } = await db().article.findUniqueOrThrow({ where: { slug: 'store-subtitle' }, select: { id: true } });
    const [revision] = await db().articleRevision.findMany({ where: { articleId: id } });
    expect((revision!.snapshot as { subtitle: string }).subtitle).toBe(subtitle);
  });

  it('writes nothing when part of the write fails', async () => {
    const before = await db().article.count();
    await expect(
      importArticleDocument(cliActor, seedDocument(), { slug: 'store-bad-category', category: 'no-such' }),
    ).rejects.toThrow(/no-such/);
    expect(await db().article.count()).toBe(before);
  });

  it('refuses a caller who is nobody', async () => {
    await expect(importArticleDocument(null as never, seedDocument(), { slug: 'store-anon' })).rejects.toThrow(
      'ログインが必要です',
    );
    expect(await db().article.count({ where: { slug: 'store-anon' } })).toBe(0);
  });
});

describe('public reads', () => {
  it('never return drafts, deleted articles or articles scheduled for later', async () => {
    const document = { ...seedDocument(), title: '非公開の記事' };
    await importArticleDocument(cliActor, document, { slug: 'store-draft', status: 'draft' });
    await importArticleDocument(cliActor, document, {
      slug: 'store-future',
      publishedAt: new Date(Date.now() + 86_400_000),
    });
    await importArticleDocument(cliActor, document, { slug: 'store-deleted' });
    await db().article.update({ where: { slug: 'store-deleted' }, data: { deletedAt: new Date() } });

    for (const slug of ['store-draft', 'store-future', 'store-deleted'])
      expect(await loadPublishedArticle(slug)).toBeNull();
    const latest = (await loadLatestArticles(100)).map((article) => article.slug);
    expect(latest).toContain('store-seed');
    expect(latest).not.toContain('store-draft');
    expect(latest).not.toContain('store-future');
    expect(latest).not.toContain('store-deleted');
  });

  it('list the latest articles newest first', async () => {
    const dates = (await loadLatestArticles(100)).map((article) => article.publishedAt);
    expect(dates).toEqual([...dates].sort().reverse());
  });
});
