import 'server-only';
import { db } from '../platform/db';
import { NEAR_DUPLICATE_THRESHOLD, passages, similarity } from './similarity';
import { containsPattern, queryGrams } from './search-text';

export type NearDuplicate = { articleId: number; slug: string; title: string; similarity: number };

/** Existing articles compared with each text: those sharing most title bigrams, and the newest. */
const TITLE_CANDIDATES = 20;
const RECENT_CANDIDATES = 30;
/** ...and those that hold a passage of the text word for word, wherever they are in the archive. */
const PASSAGE_CANDIDATES = 10;

/**
 * The existing article a text is most like, when it is at least nearly the same: an AI desk
 * submission (lib/api/review.ts) or a pasted import (lib/editorial/import-checks.ts). `id` is the
 * text's own article, left out of the comparison (0 for one not saved yet).
 */
export async function nearestDuplicate(
  article: { id: number; searchText: string; titleBigrams: string[] },
  threshold = NEAR_DUPLICATE_THRESHOLD,
): Promise<NearDuplicate | null> {
  type Candidate = { id: number; slug: string; title: string; search_text: string };
  const [byTitle, recent, ...byPassage] = await Promise.all([
    article.titleBigrams.length === 0
      ? Promise.resolve([] as Candidate[])
      : db().$queryRaw<Candidate[]>`
          SELECT id, slug, title, search_text FROM articles
          WHERE id <> ${article.id} AND deleted_at IS NULL AND title_bigrams && ${article.titleBigrams}::text[]
          ORDER BY cardinality(ARRAY(SELECT unnest(title_bigrams) INTERSECT SELECT unnest(${article.titleBigrams}::text[]))) DESC, id DESC
          LIMIT ${TITLE_CANDIDATES}`,
    db().$queryRaw<Candidate[]>`
      SELECT id, slug, title, search_text FROM articles
      WHERE id <> ${article.id} AND deleted_at IS NULL
      ORDER BY updated_at DESC LIMIT ${RECENT_CANDIDATES}`,
    ...passages(article.searchText).map(
      (passage) => db().$queryRaw<Candidate[]>`
        SELECT id, slug, title, search_text FROM articles
        WHERE id <> ${article.id} AND deleted_at IS NULL
          AND search_bigrams @> ${queryGrams(passage)}::text[] AND search_text LIKE ${containsPattern(passage)}
        ORDER BY id DESC LIMIT ${PASSAGE_CANDIDATES}`,
    ),
  ]);
  let best: NearDuplicate | null = null;
  const seen = new Set<number>();
  for (const candidate of [...byTitle, ...recent, ...byPassage.flat()]) {
    if (seen.has(candidate.id)) continue;
    seen.add(candidate.id);
    const score = similarity(article.searchText, candidate.search_text);
    if (score >= threshold && (!best || score > best.similarity)) {
      best = { articleId: candidate.id, slug: candidate.slug, title: candidate.title, similarity: score };
    }
  }
  return best;
}
