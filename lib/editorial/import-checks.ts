import 'server-only';
import { db } from '../platform/db';
import { normalizeText, splitParagraphs } from '../format/normalize';
import { searchFieldsFor } from '../articles/search-text';
import { nearestDuplicate, type NearDuplicate } from '../articles/near-duplicates';
import type { ArticleFormValues } from '../articles/input';

/**
 * What the editor should know before saving an import: the articles that already carry the same
 * title (a pipeline, or an editor pasting twice, sends the same story again), drafts and deleted
 * ones included, so that a second copy is made knowingly.
 */
export async function articlesTitled(title: string) {
  const rows = await db().article.findMany({
    where: { title: normalizeText(title) },
    select: { id: true, title: true, status: true, deletedAt: true },
    orderBy: { id: 'desc' },
    take: 5,
  });
  return rows.map((row) => ({ id: row.id, title: row.title, status: row.status, deleted: row.deletedAt !== null }));
}

/**
 * The existing article whose text the import nearly repeats (the same story reworded, or under
 * another title), by the AI desk's measure (lib/articles/similarity.ts); null when none is close.
 */
export async function nearlySameText(
  values: Pick<ArticleFormValues, 'title' | 'lead' | 'sections'>,
): Promise<NearDuplicate | null> {
  const { searchText, titleBigrams } = searchFieldsFor({
    title: values.title,
    lead: values.lead,
    sections: values.sections.map((section) => ({
      heading: section.heading,
      paragraphs: splitParagraphs(section.body),
    })),
  });
  return nearestDuplicate({ id: 0, searchText, titleBigrams });
}
