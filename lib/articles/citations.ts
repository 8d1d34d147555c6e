/**
 * Citation markers such as [1] in section text, numbered against the article's 参考・出典 list.
 * Full-width ［１］ is read too and written back as [1].
 */
const MARKER = /[[［]([0-9０-９]{1,3})[\]］]/gu;

const toNumber = (digits: string) => Number(digits.normalize('NFKC'));

export function normalizeCitationMarkers(text: string): string {
  return text.replace(MARKER, (_, digits: string) => `[${toNumber(digits)}]`);
}

/** The distinct source numbers a text cites, in order of first appearance. */
export function citationsIn(text: string): number[] {
  return [...new Set([...text.matchAll(MARKER)].map((match) => toNumber(match[1]!)))].filter((n) => n > 0);
}

export type TextRun = { text: string } | { cite: number };

/** Splits text into plain runs and citations; numbers outside 1..sourceCount stay plain text. */
export function splitCitations(text: string, sourceCount: number): TextRun[] {
  const runs: TextRun[] = [];
  let last = 0;
  for (const match of text.matchAll(MARKER)) {
    const n = toNumber(match[1]!);
    if (n < 1 || n > sourceCount) continue;
    if (match.index! > last) runs.push({ text: text.slice(last, match.index) });
    runs.push({ cite: n });
    last = match.index! + match[0].length;
  }
  if (last < text.length) runs.push({ text: text.slice(last) });
  return runs;
}

/** A section's citations: its inline markers plus any it lists explicitly, within the sources. */
export function sectionCites(body: string, explicit: number[], sourceCount: number): number[] {
  return [...new Set([...citationsIn(body), ...explicit])]
    .filter((n) => n >= 1 && n <= sourceCount)
    .sort((a, b) => a - b);
}

// ---- Anchors between the text and the source list ----

/** The id of source n in 参考・出典; markers link to it. */
export const sourceAnchorId = (n: number) => `source-${n}`;
/** The id of section `sectionIndex`'s first citation of source n; the source list links back to it. */
export const citeAnchorId = (sectionIndex: number, n: number) => `cite-${sectionIndex}-${n}`;

export type AnchoredRun = { text: string } | { cite: number; anchorId?: string };

/**
 * A section's paragraphs as text and citation runs. The first marker of each source in the section
 * carries the anchor the source list links back to; the section's citations that the text does not
 * show as markers come back as `trailing`, to follow the last paragraph, each with its anchor there.
 */
export function anchorSection(
  sectionIndex: number,
  paragraphs: string[],
  cites: number[],
  sourceCount: number,
): { paragraphs: AnchoredRun[][]; trailing: number[] } {
  const anchored = new Set<number>();
  const runs = paragraphs.map((paragraph) =>
    splitCitations(paragraph, sourceCount).map((run): AnchoredRun => {
      if ('text' in run) return run;
      const first = !anchored.has(run.cite);
      anchored.add(run.cite);
      return first ? { cite: run.cite, anchorId: citeAnchorId(sectionIndex, run.cite) } : { cite: run.cite };
    }),
  );
  return { paragraphs: runs, trailing: cites.filter((n) => n >= 1 && n <= sourceCount && !anchored.has(n)) };
}

/** For each source number, the sections that cite it, in order: the source list's back links. */
export function citingSections(sections: { cites: number[] }[]): Map<number, number[]> {
  const citedBy = new Map<number, number[]>();
  sections.forEach((section, index) => {
    for (const n of section.cites) citedBy.set(n, [...(citedBy.get(n) ?? []), index]);
  });
  return citedBy;
}

/** "1, 3" as the editor types a section's extra citations: the numbers, in order. */
export function parseCiteList(value: string): number[] {
  return value
    .split(/[,、\s]+/)
    .filter(Boolean)
    .map(Number)
    .filter((n) => Number.isInteger(n) && n > 0);
}
