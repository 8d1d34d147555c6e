import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { phrasesOf } from '../format/phrases';
import { describe, expect, it } from 'vitest';
import { parseArticleBytes } from './text/parse';
import {
  containsPattern,
  phraseBoundaries,
  snippetFor,
  SNIPPET_BLOCK_SEPARATOR,
  highlight,
  parseSearchQuery,
  queryGrams,
  searchFieldsFor,
  searchGrams,
} from './search-text';

describe('search text for Japanese', () => {
  it('indexes every character and bigram, so 2-character words like 停戦 are found', () => {
    const grams = searchGrams('即時停戦を求める');
    expect(grams).toContain('停戦');
    expect(grams).toContain('停');
    expect(grams).not.toContain('停戦を');
  });

  it('asks for the bigrams of a query word, or the character of a one-character word', () => {
    expect(queryGrams('トマホーク')).toEqual(['トマ', 'マホ', 'ホー', 'ーク']);
    expect(queryGrams('米')).toEqual(['米']);
  });

  it('normalises width and case so ＡＩ and ai match AI', () => {
    const { searchText, searchBigrams } = searchFieldsFor({ title: 'ＡＩの指針', lead: 'リード', sections: [] });
    expect(searchText).toBe('aiの指針 リード');
    expect(searchBigrams).toEqual(expect.arrayContaining(queryGrams('ai')));
  });

  it('splits a query into distinct words and refuses empty or over-long ones', () => {
    expect(parseSearchQuery('  停戦　トマホーク 停戦 ')).toEqual({ ok: true, words: ['停戦', 'トマホーク'] });
    expect(parseSearchQuery('')).toEqual({ ok: false, reason: 'empty' });
    expect(parseSearchQuery(' \u3000 ')).toEqual({ ok: false, reason: 'empty' });
    expect(parseSearchQuery('あ'.repeat(101))).toEqual({ ok: false, reason: 'too-long' });
  });

  it('takes LIKE wildcards in a query literally', () => {
    expect(containsPattern('100%_a\\b')).toBe('%100\\%\\_a\\\\b%');
  });

  it('marks every occurrence of every word', () => {
    expect(highlight('停戦と停戦協議', ['停戦'])).toEqual([
      { text: '停戦', match: true },
      { text: 'と', match: false },
      { text: '停戦', match: true },
      { text: '協議', match: false },
    ]);
  });

  it('cuts a snippet around the first match', () => {
    const text = `${'あ'.repeat(200)}停戦${'い'.repeat(200)}`;
    const snippet = snippetFor([text], ['停戦'], 60);
    expect(snippet).toContain('停戦');
    expect(snippet.startsWith('…')).toBe(true);
    expect(snippet.endsWith('…')).toBe(true);
  });

  it('shows the text as written, found through its normalised form, without citation markers', () => {
    const text = `${'前置き。'.repeat(30)}ＮＨＫの報道によるとＡＩ規制が進む［１］。続報を待つ[2]。`;
    const snippet = snippetFor([text], ['ai'], 60);
    expect(snippet).toContain('ＮＨＫの報道によるとＡＩ規制が進む。続報を待つ。');
    expect(snippet).not.toMatch(/[[［]/);
    expect(highlight(snippet, ['ai']).filter((segment) => segment.match)).toEqual([{ text: 'ＡＩ', match: true }]);
  });

  it('begins at the start of the text when only the title matched', () => {
    expect(snippetFor(['リードの文。本文。'], ['停戦'])).toBe('リードの文。本文。');
  });

  it('begins and ends between phrases, never inside a word', () => {
    const text =
      'このサイトは公的資料と報道をもとに記事を組み立てています。Kiji のデモ記事では、台風の接近に伴う計画運休の見通しを伝え、鉄道各社の発表を整理しました。利用者への影響は大きく、続報を待つ必要があります。';
    const snippet = snippetFor([text], ['計画運休'], 40);
    expect(snippet).toContain('計画運休');
    const inner = snippet.replace(/^…|…$/gu, '');
    const starts = phrasesOf(text).reduce<number[]>((at, phrase) => [...at, at.at(-1)! + phrase.length], [0]);
    const from = text.indexOf(inner);
    expect(from).toBeGreaterThan(0);
    expect(starts).toContain(from);
    expect(starts).toContain(from + inner.length);
  });

  it('keeps the lead, each heading and each paragraph apart', () => {
    expect(snippetFor(['リードの文。', 'ホワイトハウスの握手', '本文の文。'], [])).toBe(
      `リードの文。${SNIPPET_BLOCK_SEPARATOR}ホワイトハウスの握手${SNIPPET_BLOCK_SEPARATOR}本文の文。`,
    );
  });

  describe('on the seed article, whose text is about 2,000 characters in 15 blocks', () => {
    const parsed = parseArticleBytes(
      readFileSync(fileURLToPath(new URL('../../prisma/seed/articles/000_860667d7943f974c.txt', import.meta.url))),
    );
    if (!parsed.ok) throw new Error('the seed article should parse');
    const blocks = [
      parsed.article.lead,
      ...parsed.article.sections.flatMap((section) => [section.heading, ...section.paragraphs]),
    ];
    // Every boundary of every block, as BudouX gives them on the whole text.
    const everyBoundary: number[] = [];
    let at = 0;
    blocks.forEach((block, index) => {
      if (index > 0) at += [...SNIPPET_BLOCK_SEPARATOR].length;
      for (const phrase of phrasesOf(block)) {
        everyBoundary.push(at);
        at += [...phrase].length;
      }
      everyBoundary.push(at);
    });
    const lastOf = (position: number, floor: number) =>
      everyBoundary.filter((boundary) => boundary <= position && boundary >= floor).at(-1) ?? floor;

    it('finds the same last boundary at or before every position as segmenting the whole text would', () => {
      const boundaries = phraseBoundaries(blocks);
      for (let position = 0; position <= at + 2; position += 1) {
        for (const floor of [0, Math.max(0, position - 30)]) {
          expect(boundaries.lastAtOrBefore(position, floor), `at ${position} from ${floor}`).toBe(
            lastOf(position, floor),
          );
        }
      }
    });

    it('segments only the block that holds the position asked about', () => {
      const boundaries = phraseBoundaries(blocks);
      boundaries.lastAtOrBefore(Math.floor(at / 2));
      boundaries.lastAtOrBefore(Math.floor(at / 2) + 60);
      expect(boundaries.segmented()).toBeLessThanOrEqual(2);
      expect(blocks.length).toBeGreaterThan(10);
    });

    it('cuts every word’s snippet between two of the whole text’s phrases', () => {
      for (const word of ['停戦', 'キーウ', '軍事支援', '電話', 'トランプ', '存在しない語']) {
        const snippet = snippetFor(blocks, [word], 120);
        const inner = snippet.replace(/^…|…$/gu, '');
        const plain = blocks.join(SNIPPET_BLOCK_SEPARATOR);
        const from = [...plain.slice(0, plain.indexOf(inner))].length;
        expect(from, word).toBeGreaterThanOrEqual(0);
        expect(everyBoundary, word).toContain(from);
        if (snippet.endsWith('…')) expect(everyBoundary, word).toContain(from + [...inner].length);
      }
    });
  });
});
