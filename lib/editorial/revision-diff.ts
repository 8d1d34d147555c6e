import 'server-only';
import { diffLines } from 'diff';
import { withWordParts, type DiffLine } from './word-diff';
import { articleInputSchema, blankFormValues, snapshotText, type ArticleFormValues } from '../articles/input';

/**
 * A revision's snapshot as form values, and the difference between two of them: read by the save's
 * conflict message (./save.ts), the revisions page (./revisions.ts) and the AI desk's resubmissions.
 */

export type { DiffLine };

/** Line by line, with the changed words of each changed line marked (./word-diff.ts). */
export function diffSnapshots(before: ArticleFormValues, after: ArticleFormValues): DiffLine[] {
  return withWordParts(
    diffLines(snapshotText(before), snapshotText(after)).flatMap((part) =>
      part.value
        .replace(/\n$/, '')
        .split('\n')
        .map((text) => ({ kind: part.added ? 'added' : part.removed ? 'removed' : 'same', text }) as DiffLine),
    ),
  );
}

/**
 * A revision's snapshot, read back through the form's schema rather than cast: a snapshot from
 * before a field existed gets that field's blank value, and one that no longer parses is refused.
 */
export function snapshotToFormValues(snapshot: unknown): ArticleFormValues | null {
  if (snapshot === null || typeof snapshot !== 'object' || Array.isArray(snapshot)) return null;
  const values = { ...blankFormValues(), ...(snapshot as Partial<ArticleFormValues>) };
  return articleInputSchema.safeParse(values).success ? values : null;
}
