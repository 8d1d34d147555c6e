import 'server-only';
import { db } from '../platform/db';
import { Prisma } from '../generated/prisma/client';
import type { DisclosureKind } from './disclosure';
import { publicArticleSql } from './public';
import { containsPattern, queryGrams, snippetFor } from './search-text';
import { PAGE_SIZE, SEARCH_COUNT_CAP, type SearchHit } from './views';

type SearchRow = {
  id: number;
  slug: string;
  title: string;
  lead: string;
  published_at: Date;
  updated_at: Date;
  disclosure: DisclosureKind;
  category_slug: string;
  category_name: string;
};

/**
 * Every word must appear (AND). Title hits come first, newest first, found through the title's own
 * bigram index; then the other hits, newest first, which the planner can read either from the
 * bigram index (rare words) or along the date index (common words). Counts stop at SEARCH_COUNT_CAP.
 * Not cached: queries are endless. See docs/decisions/0005-japanese-search.md.
 */
export async function searchArticles(
  words: string[],
  page: number,
): Promise<{ hits: SearchHit[]; total: number; capped: boolean; pageCount: number }> {
  const grams = [...new Set(words.flatMap(queryGrams))];
  const patterns = words.map(containsPattern);
  const isPublic = publicArticleSql('a');
  // A word of one or two characters is its own gram, so the gram index answers it exactly. The
  // substring check is then left out: besides costing nothing, it lets the planner see how many rows
  // match (it takes LIKE on an expression for rare, and sorted thousands of title hits at 100k).
  const gramsAreExact = words.every((word) => [...word].length <= 2);
  const exactly = (condition: Prisma.Sql) => (gramsAreExact ? Prisma.empty : Prisma.sql` AND ${condition}`);
  const inTitle = Prisma.sql`a.title_bigrams @> ${grams}::text[]${exactly(Prisma.sql`lower(normalize(a.title, NFKC)) LIKE ALL (${patterns}::text[])`)}`;
  const inText = Prisma.sql`a.search_bigrams @> ${grams}::text[]${exactly(Prisma.sql`a.search_text LIKE ALL (${patterns}::text[])`)}`;
  const columns = Prisma.sql`a.id, a.slug, a.title, a.lead, a.published_at, a.updated_at, a.disclosure::text AS disclosure,
    c.slug AS category_slug, c.name AS category_name`;
  const countUpToCap = (condition: Prisma.Sql, order: Prisma.Sql) =>
    db().$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM (
      SELECT 1 FROM articles a WHERE ${isPublic} AND ${condition} ${order} LIMIT ${SEARCH_COUNT_CAP + 1}) AS hits`;

  const [[titleCount], [otherCount]] = await Promise.all([
    // Titles are short: a word sits in a few percent of them at most, and the bitmap from the title
    // index, read in table order until the cap, is the quickest way to count them.
    countUpToCap(inTitle, Prisma.empty),
    // Body text holds common words in most articles: walking the date index stops at the cap soonest.
    countUpToCap(Prisma.sql`${inText} AND NOT (${inTitle})`, Prisma.sql`ORDER BY a.published_at DESC`),
  ]);
  const titleTotal = titleCount?.n ?? 0;
  const total = Math.min(titleTotal + (otherCount?.n ?? 0), SEARCH_COUNT_CAP + 1);
  const offset = (page - 1) * PAGE_SIZE;
  const rows: (SearchRow & { title_hit: boolean })[] = [];
  if (offset < titleTotal) {
    const found = await db().$queryRaw<SearchRow[]>`
      SELECT ${columns} FROM articles a JOIN categories c ON c.id = a.category_id
       WHERE ${isPublic} AND ${inTitle}
       ORDER BY a.published_at DESC, a.id DESC LIMIT ${PAGE_SIZE} OFFSET ${offset}`;
    rows.push(...found.map((row) => ({ ...row, title_hit: true })));
  }
  if (rows.length < PAGE_SIZE) {
    const found = await db().$queryRaw<SearchRow[]>`
      SELECT ${columns} FROM articles a JOIN categories c ON c.id = a.category_id
       WHERE ${isPublic} AND ${inText} AND NOT (${inTitle})
       ORDER BY a.published_at DESC, a.id DESC LIMIT ${PAGE_SIZE - rows.length} OFFSET ${Math.max(0, offset - titleTotal)}`;
    rows.push(...found.map((row) => ({ ...row, title_hit: false })));
  }
  // The snippets come from each hit's lead and sections as written, in one query for the page.
  const sections =
    rows.length === 0
      ? []
      : await db().$queryRaw<{ article_id: number; heading: string; body: string }[]>`
          SELECT article_id, heading, body FROM sections
           WHERE article_id = ANY(${rows.map((row) => row.id)}::int[]) ORDER BY article_id, position`;
  // Each heading and each paragraph is a block of its own, so the snippet keeps them apart.
  const textOf = new Map<number, string[]>();
  for (const section of sections) {
    const parts = textOf.get(section.article_id) ?? [];
    parts.push(section.heading, ...section.body.split(/\n+/));
    textOf.set(section.article_id, parts);
  }
  const shown = Math.min(total, SEARCH_COUNT_CAP);
  return {
    total: shown,
    capped: total > SEARCH_COUNT_CAP,
    pageCount: Math.max(1, Math.ceil(shown / PAGE_SIZE)),
    hits: rows.map((row) => ({
      slug: row.slug,
      title: row.title,
      lead: row.lead,
      publishedAt: row.published_at.toISOString(),
      updatedAt: row.updated_at.toISOString(),
      disclosure: row.disclosure,
      category: { slug: row.category_slug, name: row.category_name },
      // Results are text: a list of headlines with their snippets.
      thumbnail: null,
      titleHit: row.title_hit,
      snippet: snippetFor([...row.lead.split(/\n+/), ...(textOf.get(row.id) ?? [])], words),
    })),
  };
}
