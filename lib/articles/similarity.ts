/**
 * How nearly two article texts are the same (docs/decisions/0030): the Jaccard similarity of their
 * character shingles (3-grams) over normalised text — NFKC, lower case, no spaces, no punctuation —
 * which suits Japanese (no word boundaries) and survives a pipeline's small rewordings. Pure.
 */

export const SHINGLE_LENGTH = 3;
/** From this similarity on, the review queue warns that the submission nearly repeats an article. */
export const NEAR_DUPLICATE_THRESHOLD = 0.5;

export function normalizeForShingles(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s\p{P}\p{S}]+/gu, '');
}

export function shingles(text: string, length = SHINGLE_LENGTH): Set<string> {
  const chars = [...normalizeForShingles(text)];
  const set = new Set<string>();
  if (chars.length > 0 && chars.length < length) set.add(chars.join(''));
  for (let i = 0; i + length <= chars.length; i += 1) set.add(chars.slice(i, i + length).join(''));
  return set;
}

export function jaccard(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 && b.size === 0) return 1;
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let shared = 0;
  for (const item of small) if (large.has(item)) shared += 1;
  return shared / (a.size + b.size - shared);
}

export function similarity(a: string, b: string): number {
  return jaccard(shingles(a), shingles(b));
}

const PASSAGE_LENGTH = 16;

/** Two passages from the body of a normalised text (a third and two thirds in), for a word-for-word lookup. */
export function passages(searchText: string): string[] {
  const found: string[] = [];
  for (const at of [1 / 3, 2 / 3]) {
    const chars = [...searchText];
    const start = Math.floor(chars.length * at);
    const passage = chars
      .slice(start)
      .join('')
      .split(' ')
      .find((run) => [...run].length >= PASSAGE_LENGTH);
    if (passage) found.push([...passage].slice(0, PASSAGE_LENGTH).join(''));
  }
  return [...new Set(found)];
}
