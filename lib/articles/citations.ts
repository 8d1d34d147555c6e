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
  return [...new Set([...citationsIn(body), ...explicit])].filter((n) => n >= 1 && n <= sourceCount).sort((a, b) => a - b);
}
