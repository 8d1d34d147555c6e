import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { cliActor } from '../../auth/actor';
import { importArticleDocument } from '../../editorial/importer';
import { getArticleForEdit } from '../../editorial/save';
import { prePublishChecklist } from '../../editorial/pre-publish';
import { parseArticleBytes } from '../text/parse';
import { loadPublishedArticle } from '../public-reads';
import { db, disconnectDb } from '../../platform/db';
import { recheckArticle } from '../snapshots/store';
import { newsArticleJsonLd } from '../../crawlers/seo';
import { getArticleTexts, updateSetting } from '../site-settings';
import { claimsStatement } from '../public';

/** What readers are told about the check: この記事について, 参考・出典 and the structured data. */

const SOURCE = 'https://reader.example.jp/release';

afterAll(async () => {
  await db().siteSetting.deleteMany({ where: { key: { in: ['claims-checked', 'claims-unchecked'] } } });
  await disconnectDb();
});

async function articleWithSnapshot(slug: string) {
  const saved = await importArticleDocument(
    cliActor,
    {
      title: '支援は7億ドル',
      lead: '政府は支援の総額を7億ドルとした。',
      sections: [{ heading: '避難', paragraphs: ['避難者は三万二千人、負傷者は120人。'] }],
      sources: [{ title: '政府発表', url: SOURCE, publisher: '内閣府' }],
    },
    { slug, status: 'published' },
  );
  const at = new Date('2025-10-19T03:00:00Z');
  await db().sourceSnapshot.create({
    data: {
      url: SOURCE,
      status: 200,
      retrievedAt: at,
      lastSeenAt: at,
      contentHash: 'r',
      text: '支援の総額は7億ドル。避難者は32,000人。',
    },
  });
  await recheckArticle(saved.id);
  return saved;
}

describe('what readers are told about the check of the figures', () => {
  it('says how many figures were found in the sources and when, and when each source was read', async () => {
    const saved = await articleWithSnapshot('reader-checked');
    const checkedOn = (await db().claimCheck.findUniqueOrThrow({ where: { articleId: saved.id } })).checkedAt;
    const article = (await loadPublishedArticle('reader-checked'))!;
    const day = new Intl.DateTimeFormat('ja-JP', { timeZone: 'Asia/Tokyo', dateStyle: 'long' }).format(checkedOn);
    expect(article.claims).toMatchObject({ statement: `数値・日付 3件中 2件を出典で確認（${day}）`, checked: true });
    expect(article.sources[0]).toMatchObject({ publisher: '内閣府', readAt: '2025-10-19' });
    // The list この記事について links to: each fact, its section, and what was found.
    expect(article.claims.checked && article.claims.facts).toEqual([
      { fact: '7億ドル', section: 'リード', result: 'found', source: 1 },
      { fact: '三万二千人', section: '避難', result: 'found', source: 1 },
      { fact: '120人', section: '避難', result: 'not_found', source: null },
    ]);

    const data = newsArticleJsonLd(article) as unknown as Record<string, unknown>;
    const work = {
      '@type': 'CreativeWork',
      name: '政府発表',
      url: SOURCE,
      publisher: { '@type': 'Organization', name: '内閣府' },
    };
    expect(data.citation).toEqual([work]);
    expect(data.isBasedOn).toEqual([work]);
  });

  it('says nothing was checked once the text changes, until it is checked again', async () => {
    const saved = await articleWithSnapshot('reader-edited');
    await db().section.updateMany({ where: { articleId: saved.id }, data: { body: '避難者は四万人。' } });
    expect((await loadPublishedArticle('reader-edited'))!.claims).toEqual({
      statement: '数値・日付は出典と照合していません',
      checked: false,
    });
  });

  it('uses the wording the editors wrote in サイト設定', async () => {
    await articleWithSnapshot('reader-wording');
    expect(await updateSetting(cliActor, 'claims-checked', '出典で確かめた数字：{found}／{total}件')).toEqual({
      ok: true,
    });
    // Worded where the page renders, with the site's texts.
    const texts = await getArticleTexts();
    const wording = { checked: texts['claims-checked'], unchecked: texts['claims-unchecked'] };
    expect(claimsStatement((await loadPublishedArticle('reader-wording'))!.claims, wording)).toBe(
      '出典で確かめた数字：2／3件',
    );
    await db().siteSetting.deleteMany({ where: { key: 'claims-checked' } });
  });

  it('reads honestly for the seed article, which has no sources: nothing is checked, and no empty source lists', async () => {
    const parsed = parseArticleBytes(
      readFileSync(fileURLToPath(new URL('../../../prisma/seed/articles/000_860667d7943f974c.txt', import.meta.url))),
      'seed.txt',
    );
    if (!parsed.ok) throw new Error('the seed must parse');
    const saved = await importArticleDocument(
      cliActor,
      { ...parsed.article, noSourcesReason: '元の記事に出典の記載がないため' },
      { slug: 'reader-seed', category: 'world' },
    );
    const { facts } = await recheckArticle(saved.id);
    expect(facts.length).toBeGreaterThan(0);
    expect(facts.every((fact) => fact.result === 'not_checkable')).toBe(true);
    const article = (await loadPublishedArticle('reader-seed'))!;
    expect(article.claims).toEqual({ statement: '数値・日付は出典と照合していません', checked: false });
    const data = newsArticleJsonLd(article) as unknown as Record<string, unknown>;
    expect('citation' in data).toBe(false);
    expect('isBasedOn' in data).toBe(false);
  });
});

describe('what the editor is asked before publishing', () => {
  it('names the figures the saved text’s sources do not hold, in the one pre-publish checklist', async () => {
    const saved = await articleWithSnapshot('reader-checklist');
    const editable = (await getArticleForEdit(cliActor, saved.id))!;
    const checklist = await prePublishChecklist(cliActor, { id: saved.id, intent: 'publish', values: editable.values });
    if (!checklist.ok) throw new Error('the article is publishable');
    const claims = checklist.checks.find((check) => check.key === 'claims');
    // 7億ドル and 三万二千人 are in the source (as 32,000人); 120人 is not.
    expect(claims).toMatchObject({ tone: 'attention', label: '出典で確認できない数値・日付' });
    expect(claims?.detail).toMatch(/^1件：「120人」/);
  });
});
