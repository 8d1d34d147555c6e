import { diffArrays } from 'diff';

/**
 * Which words of a changed line changed. Japanese has no spaces, so words come from ICU's word
 * segmenter (Intl.Segmenter), and a changed 地名 is marked, not the whole paragraph it sits in.
 * Pure: the revisions page and the conflict message render its parts.
 */

export type DiffLine = {
  kind: 'added' | 'removed' | 'same';
  text: string;
  /** For a changed line with a counterpart: the line cut into runs, `changed` where it differs. */
  parts?: { text: string; changed: boolean }[];
};

const segmenter = new Intl.Segmenter('ja', { granularity: 'word' });
const words = (text: string) => [...segmenter.segment(text)].map((segment) => segment.segment);

function merge(parts: { text: string; changed: boolean }[]): { text: string; changed: boolean }[] {
  const merged: { text: string; changed: boolean }[] = [];
  for (const part of parts) {
    const last = merged[merged.length - 1];
    if (last && last.changed === part.changed) last.text += part.text;
    else merged.push({ ...part });
  }
  return merged;
}

/** The runs of the old and the new line, each marked where the other differs. */
export function wordParts(before: string, after: string) {
  const removed: { text: string; changed: boolean }[] = [];
  const added: { text: string; changed: boolean }[] = [];
  for (const change of diffArrays(words(before), words(after))) {
    const text = change.value.join('');
    if (!change.added) removed.push({ text, changed: !!change.removed });
    if (!change.removed) added.push({ text, changed: !!change.added });
  }
  return { removed: merge(removed), added: merge(added) };
}

/**
 * Marks the words in each run of removed lines followed by added lines, pairing them in order: the
 * 1st removed with the 1st added, and so on. A line with no counterpart is wholly new or gone.
 */
export function withWordParts(lines: DiffLine[]): DiffLine[] {
  const result = lines.map((line) => ({ ...line }));
  for (let i = 0; i < result.length;) {
    if (result[i]!.kind !== 'removed') {
      i += 1;
      continue;
    }
    let r = i;
    while (r < result.length && result[r]!.kind === 'removed') r += 1;
    let a = r;
    while (a < result.length && result[a]!.kind === 'added') a += 1;
    const pairs = Math.min(r - i, a - r);
    for (let k = 0; k < pairs; k += 1) {
      const parts = wordParts(result[i + k]!.text, result[r + k]!.text);
      result[i + k]!.parts = parts.removed;
      result[r + k]!.parts = parts.added;
    }
    i = a;
  }
  return result;
}
