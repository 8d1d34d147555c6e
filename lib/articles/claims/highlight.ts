import type { CheckedFact } from './check';
import { locateFacts, normalizeText } from './facts';

/**
 * A text cut into plain runs and the checked facts in it, each occurrence where it stands, so the
 * editor sees every figure marked in place (docs/decisions/0035). The facts are found in the text's
 * normalised form (as the checker reads it) and mapped back to the text as written, so full-width
 * digits and citation markers show as the editor typed them. Pure.
 */

export type Segment = { text: string; fact?: undefined } | { text: string; fact: CheckedFact };

type Mapped = { normal: string; start: number[]; end: number[] };

/** The text's normalised form (normalizeText), with where in the original each of its units came from. */
function normalizedWithOffsets(text: string): Mapped | null {
  let joined = '';
  const start: number[] = [];
  const end: number[] = [];
  for (let i = 0; i < text.length;) {
    const char = String.fromCodePoint(text.codePointAt(i)!);
    const normal = char.normalize('NFKC');
    for (let k = 0; k < normal.length; k += 1) {
      start.push(i);
      end.push(i + char.length);
    }
    joined += normal;
    i += char.length;
  }
  // Citation markers go, as normalizeText drops them.
  const keep = new Array<boolean>(joined.length).fill(true);
  for (const match of joined.matchAll(/\[\d{1,3}\]/g))
    for (let k = match.index!; k < match.index! + match[0].length; k += 1) keep[k] = false;
  const mapped: Mapped = { normal: '', start: [], end: [] };
  for (let k = 0; k < joined.length; k += 1) {
    if (!keep[k]) continue;
    mapped.normal += joined[k];
    mapped.start.push(start[k]!);
    mapped.end.push(end[k]!);
  }
  // Characters that compose only together (ｶﾞ) normalise differently one by one: no map then.
  return mapped.normal === normalizeText(text) ? mapped : null;
}

/**
 * The runs of `text` with each occurrence of a checked fact of its section marked. `facts` are the
 * section's checked facts; an occurrence is matched by its normalised key, so 三万二千人 written
 * twice, or once as 32,000人, carries the one result.
 */
export function highlightFacts(text: string, facts: CheckedFact[]): Segment[] {
  const byKey = new Map(facts.map((fact) => [fact.key, fact]));
  const exact = normalizedWithOffsets(text);
  const normal = normalizeText(text);
  // Without an exact map the normalised text is what is shown (rare: half-width kana with marks).
  const shown = exact ? text : normal;
  const mapped = exact ?? {
    normal,
    start: Array.from({ length: normal.length }, (_, i) => i),
    end: Array.from({ length: normal.length }, (_, i) => i + 1),
  };
  const ranges: { from: number; to: number; fact: CheckedFact }[] = [];
  for (const { fact, at } of locateFacts(mapped.normal)) {
    const checked = byKey.get(fact.key);
    if (!checked) continue;
    // A quotation's fact is its inner text, one character after the opening bracket.
    const from = mapped.normal.indexOf(fact.text, at);
    if (from < 0 || from - at > 1 || fact.text.length === 0) continue;
    ranges.push({ from, to: from + fact.text.length, fact: checked });
  }
  // Earlier first, and the longer of two that start together (a quotation before a figure in it).
  ranges.sort((a, b) => a.from - b.from || b.to - a.to);
  const segments: Segment[] = [];
  let cursor = 0;
  for (const range of ranges) {
    const from = mapped.start[range.from]!;
    const to = mapped.end[range.to - 1]!;
    if (from < cursor) continue; // overlaps one already marked
    if (from > cursor) segments.push({ text: shown.slice(cursor, from) });
    segments.push({ text: shown.slice(from, to), fact: range.fact });
    cursor = to;
  }
  if (cursor < shown.length) segments.push({ text: shown.slice(cursor) });
  return segments;
}
