/**
 * Search text for Japanese, which has no spaces between words. Each article stores its normalised
 * text and the set of its single characters and character bigrams (GIN-indexed). A query matches
 * when the article holds every bigram of every query word (an index lookup), and then every word as
 * a substring (exact). See docs/decisions/0005-japanese-search.md.
 */

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

/** Splits text into plain and matching runs, for <mark>; React escapes every run. */
export function highlight(text: string, words: string[]): HighlightSegment[] {
  const lower = text.normalize('NFKC').toLowerCase();
  // NFKC can change lengths (e.g. ㍻); only highlight when positions still line up.
  if (lower.length !== text.length || words.length === 0) return [{ text, match: false }];
  const marked = new Array<boolean>(text.length).fill(false);
  for (const word of words) {
    for (let at = lower.indexOf(word); at !== -1; at = lower.indexOf(word, at + 1)) {
      marked.fill(true, at, at + word.length);
    }
  }
  const segments: HighlightSegment[] = [];
  for (let i = 0; i < text.length; i += 1) {
    const last = segments.at(-1);
    if (last && last.match === marked[i]) last.text += text[i];
    else segments.push({ text: text[i]!, match: marked[i]! });
  }
  return segments;
}

/** About `length` characters of text around the first match, for a result snippet. */
export function excerptAround(text: string, words: string[], length = 120): string {
  const lower = text.toLowerCase();
  const first = Math.min(...words.map((word) => lower.indexOf(word)).filter((at) => at >= 0));
  if (!Number.isFinite(first)) return text.slice(0, length) + (text.length > length ? '…' : '');
  const start = Math.max(0, first - Math.floor(length / 3));
  const end = Math.min(text.length, start + length);
  return `${start > 0 ? '…' : ''}${text.slice(start, end)}${end < text.length ? '…' : ''}`;
}
