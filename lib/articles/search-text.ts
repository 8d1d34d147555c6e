/**
 * Search text for Japanese, which has no spaces between words. Each article stores its normalised
 * text and the set of its single characters and character bigrams (GIN-indexed). A query matches
 * when the article holds every bigram of every query word (an index lookup), and then every word as
 * a substring (exact). See docs/decisions/0005-japanese-search.md.
 */

import { phrasesOf } from '../format/phrases';

export const MAX_QUERY_LENGTH = 100;
export const MAX_QUERY_WORDS = 8;

export function normalizeForSearch(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/\s+/gu, ' ').trim();
}

/** Single characters and bigrams of each whitespace-separated token, without duplicates. */
export function searchGrams(normalized: string): string[] {
  const grams = new Set<string>();
  for (const token of normalized.split(' ')) {
    const chars = [...token];
    for (let i = 0; i < chars.length; i += 1) {
      grams.add(chars[i]!);
      if (i + 1 < chars.length) grams.add(chars[i]! + chars[i + 1]!);
    }
  }
  return [...grams];
}

/** The grams a query word needs: its bigrams, or the character itself for a one-character word. */
export function queryGrams(word: string): string[] {
  const chars = [...word];
  if (chars.length === 1) return chars;
  return [...new Set(chars.slice(0, -1).map((char, i) => char + chars[i + 1]!))];
}

export type SearchDocument = { title: string; lead: string; sections: { heading: string; paragraphs: string[] }[] };

export function searchFieldsFor(article: SearchDocument): {
  searchText: string;
  searchBigrams: string[];
  titleBigrams: string[];
} {
  const searchText = normalizeForSearch(
    [
      article.title,
      article.lead,
      ...article.sections.flatMap((section) => [section.heading, ...section.paragraphs]),
    ].join(' '),
  );
  return {
    searchText,
    searchBigrams: searchGrams(searchText),
    titleBigrams: searchGrams(normalizeForSearch(article.title)),
  };
}

export type ParsedQuery = { ok: true; words: string[] } | { ok: false; reason: 'empty' | 'too-long' };

export function parseSearchQuery(raw: string | undefined | null): ParsedQuery {
  const text = (raw ?? '').replace(/\u0000/g, '');
  if (text.length > MAX_QUERY_LENGTH) return { ok: false, reason: 'too-long' };
  const words = [...new Set(normalizeForSearch(text).split(' ').filter(Boolean))];
  if (words.length === 0) return { ok: false, reason: 'empty' };
  if (words.length > MAX_QUERY_WORDS) return { ok: false, reason: 'too-long' };
  return { ok: true, words };
}

/** A LIKE pattern that matches the word anywhere, with LIKE's own wildcards taken literally. */
export function containsPattern(word: string): string {
  return `%${word.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
}

export type HighlightSegment = { text: string; match: boolean };

/**
 * Splits text into plain and matching runs, for <mark>; React escapes every run. Words are found
 * in the text's normalised form, character by character, so that a character NFKC lengthens (…
 * becomes ..., ㍻ becomes 平成) still maps back to where it stands in the text as written.
 */
export function highlight(text: string, words: string[]): HighlightSegment[] {
  if (words.length === 0) return [{ text, match: false }];
  const characters = [...text];
  let normalized = '';
  const origin: number[] = []; // for each UTF-16 unit of `normalized`, its character in `characters`
  characters.forEach((character, index) => {
    const form = character.normalize('NFKC').toLowerCase();
    normalized += form;
    for (let unit = 0; unit < form.length; unit += 1) origin.push(index);
  });
  const marked = new Array<boolean>(characters.length).fill(false);
  for (const word of words) {
    for (let at = normalized.indexOf(word); at !== -1; at = normalized.indexOf(word, at + 1)) {
      for (let unit = at; unit < at + word.length; unit += 1) marked[origin[unit]!] = true;
    }
  }
  const segments: HighlightSegment[] = [];
  characters.forEach((character, index) => {
    const last = segments.at(-1);
    if (last && last.match === marked[index]) last.text += character;
    else segments.push({ text: character, match: marked[index]! });
  });
  return segments;
}

/** What a snippet puts between two blocks of the text (the lead, a heading, a paragraph). */
export const SNIPPET_BLOCK_SEPARATOR = ' ／ ';

/**
 * A result's snippet: about `length` characters of its text (lead, headings and paragraphs, never
 * the title, which the result already shows) around the first matched word, as the editor wrote
 * them. Blocks stay apart (a heading never runs into the paragraph after it), and a cut falls
 * between BudouX's phrases, so a snippet never begins or ends inside a word. Words are matched on
 * the text's normalised form (ＡＩ finds AI), and citation markers ([1]) are left out, as they
 * mean nothing outside the article. Without a match in the text, its beginning.
 */
export function snippetFor(blocks: string[], words: string[], length = 120): string {
  const cleaned = blocks
    .map((block) =>
      block
        .replace(/[[［][0-9０-９]{1,3}[\]］]/gu, '')
        .replace(/\s+/gu, ' ')
        .trim(),
    )
    .filter(Boolean);
  const plain = cleaned.join(SNIPPET_BLOCK_SEPARATOR);
  // Counted in characters, not UTF-16 units, so a cut never splits a character such as 𠮷.
  const characters = [...plain];
  const segments = highlight(plain, words);
  const firstMatch = segments.findIndex((segment) => segment.match);
  const offset =
    firstMatch < 0 ? 0 : segments.slice(0, firstMatch).reduce((sum, segment) => sum + [...segment.text].length, 0);
  const matchEnd = firstMatch < 0 ? 0 : offset + [...segments[firstMatch]!.text].length;
  // Begin at the last boundary before a third of the length ahead of the match, and end at the
  // last one that keeps the snippet within its length (never before the match). A "phrase" longer
  // than a third of the snippet (a run of one letter, a long URL) is cut where it must be.
  const slack = Math.floor(length / 3);
  const boundaries = phraseBoundaries(cleaned);
  const snap = (position: number, floor = 0) => {
    const boundary = boundaries.lastAtOrBefore(position, floor);
    return position - boundary > slack ? position : boundary;
  };
  const start = offset === 0 ? 0 : snap(Math.max(0, offset - slack));
  const limit = Math.min(characters.length, start + length);
  const end = limit === characters.length ? limit : Math.max(matchEnd, snap(limit, start + 1));
  const text = characters
    .slice(start, end)
    .join('')
    .replace(/^ ／ | ／ $/gu, '')
    .trim();
  return `${start > 0 ? '…' : ''}${text}${end < characters.length ? '…' : ''}`;
}

/**
 * Where each phrase of each block begins, in characters of the blocks joined by the separator (and
 * each block's end), found with BudouX only in the blocks asked about. A block's start and end are
 * boundaries, so the last boundary at or before a position is always in the block that holds it
 * (or, in a separator, in the block before): the snippet's two cuts segment at most two blocks,
 * not the whole text of every result (BudouX was a fifth of a search page's CPU, issue #29).
 */
export function phraseBoundaries(blocks: string[]): {
  lastAtOrBefore(position: number, floor?: number): number;
  segmented(): number;
} {
  const separator = [...SNIPPET_BLOCK_SEPARATOR].length;
  const starts: number[] = [];
  let at = 0;
  for (const [index, block] of blocks.entries()) {
    if (index > 0) at += separator;
    starts.push(at);
    at += [...block].length;
  }
  const cache = new Map<number, number[]>();
  const boundariesOf = (index: number) => {
    let found = cache.get(index);
    if (!found) {
      found = [];
      let position = starts[index]!;
      for (const phrase of phrasesOf(blocks[index]!)) {
        found.push(position);
        position += [...phrase].length;
      }
      found.push(position);
      cache.set(index, found);
    }
    return found;
  };
  return {
    lastAtOrBefore(position, floor = 0) {
      let index = starts.length - 1;
      while (index > 0 && starts[index]! > position) index -= 1;
      let found = floor;
      if (index < 0) return found;
      for (const boundary of boundariesOf(index)) {
        if (boundary > position) break;
        if (boundary >= floor) found = boundary;
      }
      return found;
    },
    segmented: () => cache.size,
  };
}
