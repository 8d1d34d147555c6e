import pg from 'pg';
import { searchFieldsFor } from '../../lib/articles/search-text';
import { STANDARD_DISCLAIMER } from '../../lib/articles/text/site-text';

/**
 * Realistic-looking Japanese articles in bulk, for measuring Kiji at newsroom scale. Deterministic:
 * the same count gives the same articles. Rows go in with one multi-row INSERT … SELECT unnest(…)
 * per table per batch, and the search index is rebuilt once at the end.
 */

const SUBJECTS = [
  '政府',
  '与党',
  '野党',
  '日銀',
  '財務省',
  '外務省',
  '厚生労働省',
  '東京都',
  '大阪府',
  '米国',
  '中国',
  '欧州連合',
  '国連',
  '自治体',
  '研究チーム',
  '大手企業',
  '労働組合',
  '専門家会議',
  '気象庁',
  '宇宙機関',
];
const TOPICS = [
  '物価',
  '賃金',
  '停戦',
  '選挙',
  '予算',
  '金利',
  '為替',
  '防災',
  '医療',
  '年金',
  '少子化',
  '半導体',
  '生成AI',
  '再生可能エネルギー',
  '観光',
  '農業',
  '教育',
  '交通',
  '通商',
  '気候変動',
];
const VERBS = [
  '方針を示した',
  '検討を始めた',
  '見通しを発表した',
  '対策をまとめた',
  '議論が続いている',
  '懸念を表明した',
  '合意に達した',
  '調査結果を公表した',
  '見直しを求めた',
  '計画を延期した',
];
const CONNECTIVES = ['一方で', 'これに対し', 'また', 'さらに', 'ただ', 'こうした中', '背景には', '今後は'];
const PLACES = ['東京', 'ワシントン', '北京', 'ブリュッセル', '大阪', 'ジュネーブ', null, null];

function rng(seed: number) {
  let state = seed >>> 0 || 1;
  return () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 4294967296;
  };
}

type Random = () => number;
const pick = <T>(random: Random, list: readonly T[]): T => list[Math.floor(random() * list.length)]!;

function sentence(random: Random): string {
  return `${pick(random, CONNECTIVES)}、${pick(random, SUBJECTS)}は${pick(random, TOPICS)}をめぐり${pick(random, VERBS)}。`;
}

function paragraph(random: Random, sentences = 3): string {
  return Array.from({ length: sentences }, () => sentence(random)).join('');
}

export type BulkArticle = {
  slug: string;
  title: string;
  lead: string;
  publishedAt: Date;
  place: string | null;
  categoryIndex: number;
  sections: { heading: string; body: string }[];
  sources: { title: string; url: string; publisher: string }[];
  tagIndexes: number[];
  draft: boolean;
};

export function bulkArticle(n: number, now = Date.UTC(2026, 10, 1)): BulkArticle {
  const random = rng(n * 2654435761);
  const topic = pick(random, TOPICS);
  const subject = pick(random, SUBJECTS);
  const sectionCount = 2 + Math.floor(random() * 3);
  const published = new Date(now - Math.floor(random() * 3 * 365 * 86_400_000));
  const date = `${published.getUTCFullYear()}年${published.getUTCMonth() + 1}月${published.getUTCDate()}日`;
  return {
    slug: `bulk-${n}`,
    title: `${subject}、${topic}で${pick(random, VERBS)}（第${n}報）`,
    lead: `${date}、${subject}は${topic}をめぐり${pick(random, VERBS)}。${paragraph(random, 2)}`,
    publishedAt: published,
    place: pick(random, PLACES),
    categoryIndex: Math.floor(random() * 5),
    sections: Array.from({ length: sectionCount }, (_, i) => ({
      heading: `${pick(random, TOPICS)}と${pick(random, SUBJECTS)}の${['課題', '行方', '焦点', '背景'][i % 4]}`,
      body: `${paragraph(random)}\n\n${paragraph(random, 2)}`,
    })),
    sources: Array.from({ length: 1 + Math.floor(random() * 3) }, (_, i) => ({
      title: `${pick(random, SUBJECTS)}の発表資料 ${i + 1}`,
      url: `https://example.org/bulk/${n}/${i + 1}`,
      publisher: pick(random, SUBJECTS),
    })),
    tagIndexes: [...new Set(Array.from({ length: 1 + Math.floor(random() * 3) }, () => Math.floor(random() * 200)))],
    draft: random() < 0.03,
  };
}

export async function insertBulkArticles(
  connectionString: string,
  count: number,
  { batchSize = 1000, onProgress = (_done: number) => {} } = {},
): Promise<void> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    await client.query(`INSERT INTO categories (slug, name, position) VALUES
      ('world','国際',0),('politics','政治',1),('economy','経済',2),('society','社会',3),('technology','科学・技術',4)
      ON CONFLICT (slug) DO NOTHING`);
    const categories = (
      await client.query<{ id: number }>(
        `SELECT id FROM categories WHERE slug IN ('world','politics','economy','society','technology') ORDER BY position`,
      )
    ).rows.map((row) => row.id);
    const tagNames = Array.from(
      { length: 200 },
      (_, i) => `${TOPICS[i % TOPICS.length]}${i >= TOPICS.length ? Math.floor(i / TOPICS.length) : ''}`,
    );
    await client.query(
      `INSERT INTO tags (slug, name) SELECT lower(n), n FROM unnest($1::text[]) AS n ON CONFLICT (slug) DO NOTHING`,
      [tagNames],
    );
    const tagIds = new Map(
      (
        await client.query<{ id: number; name: string }>(`SELECT id, name FROM tags WHERE name = ANY($1)`, [tagNames])
      ).rows.map((row) => [row.name, row.id]),
    );
    const start = (
      await client.query<{ n: number }>(
        `SELECT coalesce(max(substring(slug from 6)::int), 0) AS n FROM articles WHERE slug ~ '^bulk-[0-9]+$'`,
      )
    ).rows[0]!.n;

    // Building the GIN index once at the end is far faster than maintaining it row by row.
    await client.query('DROP INDEX IF EXISTS articles_search_bigrams_idx');
    await client.query('DROP INDEX IF EXISTS articles_title_bigrams_idx');
    for (let offset = 0; offset < count; offset += batchSize) {
      const batch = Array.from({ length: Math.min(batchSize, count - offset) }, (_, i) =>
        bulkArticle(start + offset + i + 1),
      );
      const searches = batch.map((article) =>
        searchFieldsFor({
          title: article.title,
          lead: article.lead,
          sections: article.sections.map((s) => ({ heading: s.heading, paragraphs: s.body.split('\n\n') })),
        }),
      );
      await client.query('BEGIN');
      // One announcement at the end instead of one per row (decision 0012).
      await client.query(`SET LOCAL kiji.quiet_changes = 'on'`);
      const ids = (
        await client.query<{ id: number }>(
          `INSERT INTO articles (slug, title, lead, status, published_at, updated_at, dateline_place, category_id, disclaimer, search_text, search_bigrams, title_bigrams)
           SELECT s, t, l, st::"ArticleStatus", p, p, pl, c, $10, sx, string_to_array(g, chr(31)), string_to_array(tg, chr(31))
             FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::timestamptz[], $6::text[], $7::int[], $8::text[], $9::text[], $11::text[])
               AS u(s, t, l, st, p, pl, c, sx, g, tg)
           RETURNING id`,
          [
            batch.map((a) => a.slug),
            batch.map((a) => a.title),
            batch.map((a) => a.lead),
            batch.map((a) => (a.draft ? 'draft' : 'published')),
            batch.map((a) => a.publishedAt.toISOString()),
            batch.map((a) => a.place),
            batch.map((a) => categories[a.categoryIndex]!),
            searches.map((s) => s.searchText),
            searches.map((s) => s.searchBigrams.join('\u001f')),
            STANDARD_DISCLAIMER,
            searches.map((s) => s.titleBigrams.join('\u001f')),
          ],
        )
      ).rows.map((row) => row.id);
      const sectionRows = batch.flatMap((a, i) =>
        a.sections.map((s, position) => [ids[i]!, position, s.heading, s.body] as const),
      );
      await client.query(
        `INSERT INTO sections (article_id, position, heading, body) SELECT * FROM unnest($1::int[], $2::int[], $3::text[], $4::text[])`,
        [
          sectionRows.map((r) => r[0]),
          sectionRows.map((r) => r[1]),
          sectionRows.map((r) => r[2]),
          sectionRows.map((r) => r[3]),
        ],
      );
      const sourceRows = batch.flatMap((a, i) =>
        a.sources.map((s, position) => [ids[i]!, position, s.title, s.url, s.publisher] as const),
      );
      await client.query(
        `INSERT INTO sources (article_id, position, title, url, publisher) SELECT * FROM unnest($1::int[], $2::int[], $3::text[], $4::text[], $5::text[])`,
        [
          sourceRows.map((r) => r[0]),
          sourceRows.map((r) => r[1]),
          sourceRows.map((r) => r[2]),
          sourceRows.map((r) => r[3]),
          sourceRows.map((r) => r[4]),
        ],
      );
      const tagRows = batch.flatMap((a, i) => a.tagIndexes.map((t) => [ids[i]!, tagIds.get(tagNames[t]!)!] as const));
      await client.query(`INSERT INTO article_tags (article_id, tag_id) SELECT * FROM unnest($1::int[], $2::int[])`, [
        tagRows.map((r) => r[0]),
        tagRows.map((r) => r[1]),
      ]);
      await client.query('COMMIT');
      onProgress(offset + batch.length);
    }
    await client.query(`SET maintenance_work_mem = '512MB'`);
    await client.query(
      'CREATE INDEX IF NOT EXISTS "articles_search_bigrams_idx" ON "articles" USING GIN ("search_bigrams")',
    );
    await client.query(
      'CREATE INDEX IF NOT EXISTS "articles_title_bigrams_idx" ON "articles" USING GIN ("title_bigrams")',
    );
    await client.query('ANALYZE');
    await client.query(`SELECT pg_notify('kiji_changes', '{"all": true}')`);
  } finally {
    await client.end();
  }
}
