import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliActor } from '../auth/actor';
import { importArticleDocument } from '../editorial/importer';
import { seedDocument } from '../../scripts/test-support/integration';
import { searchArticles } from './search';
import { disconnectDb } from '../platform/db';
import { parseSearchQuery } from './search-text';

/**
 * Search against a real PostgreSQL: the gram index narrows, and the result must still be exactly
 * "contains every word". Fixtures are the seed article with its title and one paragraph rewritten
 * around rare words (琥珀, 鯨骨), so nothing else in the shared test database matches them.
 */
async function publish(slug: string, title: string, paragraph: string, daysAgo: number) {
  const document = seedDocument();
  const [first, ...rest] = document.sections;
  await importArticleDocument(
    cliActor,
    { ...document, title, sections: [{ ...first!, paragraphs: [paragraph, ...first!.paragraphs] }, ...rest] },
    { slug, category: 'world', publishedAt: new Date(Date.UTC(2026, 0, 20) - daysAgo * 86_400_000) },
  );
}

async function search(query: string): Promise<{ slugs: string[]; titleHits: string[]; total: number }> {
  const parsed = parseSearchQuery(query);
  if (!parsed.ok) throw new Error(`not a query: ${query}`);
  const result = await searchArticles(parsed.words, 1);
  const ours = result.hits.filter((hit) => hit.slug.startsWith('search-'));
  return {
    slugs: ours.map((hit) => hit.slug),
    titleHits: ours.filter((hit) => hit.titleHit).map((hit) => hit.slug),
    total: result.total,
  };
}

beforeAll(async () => {
  await publish('search-title-older', '琥珀の港で停戦協議', '港の倉庫に残された記録を読む。', 3);
  await publish('search-body-newer', '港湾の記録を読む', '倉庫で琥珀が見つかったという。', 1);
  await publish('search-title-newer', '琥珀と鯨骨の交易路', '交易の記録は乏しい。', 2);
  // Both characters of 琥珀, but never side by side; and 琥 珀 split by a space.
  await publish('search-apart', '琥の字と珀の字', '琥 珀 と書かれた札がある。', 0);
  // Every bigram of 琥珀鯨骨 (琥珀, 珀鯨, 鯨骨), but not the word itself.
  await publish('search-grams-only', '琥珀珀鯨鯨骨という並び', '語の断片だけが並ぶ。', 4);
  // Full-width capitals: NFKC and lower case make them "zq".
  await publish('search-width', 'ＺＱ計画の行方', '計画の詳細は明らかでない。', 5);
});

afterAll(disconnectDb);

describe('searching articles', () => {
  it('finds a two-character word in titles first, newest first, then in the text', async () => {
    const result = await search('琥珀');
    expect(result.slugs).toEqual([
      'search-title-newer',
      'search-title-older',
      'search-grams-only',
      'search-body-newer',
    ]);
    expect(result.titleHits).toEqual(['search-title-newer', 'search-title-older', 'search-grams-only']);
    expect(result.total).toBe(4);
  });

  it('does not match the two characters of a word when they stand apart', async () => {
    expect((await search('琥珀')).slugs).not.toContain('search-apart');
  });

  it('does not match a longer word whose bigrams are all there but not the word itself', async () => {
    expect((await search('琥珀鯨骨')).slugs).toEqual([]);
    expect((await search('珀鯨鯨骨')).slugs).toEqual(['search-grams-only']);
  });

  it('needs every word, anywhere in the article, and ranks articles with every word in the title first', async () => {
    // The seed's text speaks of 停戦 throughout, so every 琥珀 fixture holds both words.
    const both = await search('琥珀 停戦');
    expect(both.slugs).toEqual(['search-title-older', 'search-body-newer', 'search-title-newer', 'search-grams-only']);
    expect(both.titleHits).toEqual(['search-title-older']);
    expect((await search('琥珀 倉庫')).slugs).toEqual(['search-body-newer', 'search-title-older']);
    expect((await search('琥珀 存在しない語句')).slugs).toEqual([]);
  });

  it('matches full-width and upper-case letters as their plain lower-case form', async () => {
    expect((await search('zq')).slugs).toEqual(['search-width']);
    expect((await search('ＺＱ')).slugs).toEqual(['search-width']);
  });

  it('finds a one-character word', async () => {
    expect((await search('鯨')).slugs).toEqual(['search-title-newer', 'search-grams-only']);
  });
});
