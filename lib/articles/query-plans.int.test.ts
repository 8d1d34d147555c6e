import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { insertBulkArticles } from '../../scripts/lib/bulk-articles';
import { dropDatabase, ensureDatabase } from '../../scripts/lib/embedded-postgres';
import { applyMigrations } from '../../scripts/lib/migrations';
import { withDatabase } from '../../scripts/lib/test-database';
import {
  getArchivePage,
  getCategoryPage,
  getHomePage,
  getArticlePage,
  getTagPage,
  listFeedItems,
  listSitemapArticles,
  maxArticleId,
} from './public-reads';
import { searchArticles } from './search';
import { cliActor } from '../auth/actor';
import { db, disconnectDb, onQuery, type QueryEvent } from '../platform/db';
import { listArticlesForAdmin } from '../editorial/admin-list';
import { config, reloadConfig } from '../platform/config';

/**
 * At newsroom scale (100,000 articles) every hot path must use an index: EXPLAIN the exact SQL
 * Prisma sends for each public read and the admin list, and find no sequential scan of a big table.
 * Run with KIJI_PLAN_ARTICLES to change the scale.
 */
const ARTICLES = config().KIJI_PLAN_ARTICLES;
const BIG_TABLES = ['articles', 'sections', 'sources', 'article_tags'];
const serverUrl = withDatabase(inject('databaseUrl'), 'postgres');
const name = `kiji_plans_${Date.now().toString(36)}`;
const url = withDatabase(serverUrl, name);
let previousUrl: string | undefined;

function seqScans(plan: Record<string, unknown>): string[] {
  const here =
    plan['Node Type'] === 'Seq Scan' && BIG_TABLES.includes(String(plan['Relation Name']))
      ? [String(plan['Relation Name'])]
      : [];
  return [...here, ...((plan.Plans as Record<string, unknown>[] | undefined) ?? []).flatMap(seqScans)];
}

async function captured(run: () => Promise<unknown>): Promise<QueryEvent[]> {
  const events: QueryEvent[] = [];
  const stop = onQuery((event) => events.push(event));
  try {
    await run();
  } finally {
    stop();
  }
  return events.filter((event) => !/^(BEGIN|COMMIT|ROLLBACK|SET )/i.test(event.query.trim()));
}

beforeAll(async () => {
  await ensureDatabase(serverUrl, name);
  await applyMigrations(url);
  await insertBulkArticles(url, ARTICLES, { batchSize: 2000 });
  previousUrl = config().DATABASE_URL;
  await disconnectDb();
  process.env.DATABASE_URL = url;
  reloadConfig();
}, 600_000);

afterAll(async () => {
  await disconnectDb();
  process.env.DATABASE_URL = previousUrl;
  reloadConfig();
  await dropDatabase(serverUrl, name);
});

describe(`hot paths at ${ARTICLES.toLocaleString()} articles`, () => {
  const cases: [string, () => Promise<unknown>][] = [
    ['an article', () => getArticlePage(`bulk-${Math.floor(ARTICLES / 2)}`)],
    ['the home page', () => getHomePage()],
    ['a category, page 1', () => getCategoryPage('economy', 1)],
    ['a category, page 500', () => getCategoryPage('economy', Math.min(500, Math.floor(ARTICLES / 5 / 20)))],
    ['a tag', () => getTagPage('停戦', 1)],
    ['a month of the archive', () => getArchivePage(2025, 6, 1)],
    ['a 2-character search', () => searchArticles(['停戦'], 1)],
    ['a 4-character search', () => searchArticles(['為替相場'], 1)],
    ['the feed', () => listFeedItems(null, 50)],
    [
      'the sitemap index and a sitemap page',
      async () => {
        await maxArticleId();
        await listSitemapArticles(50_000, 100_000);
      },
    ],
    [
      'the admin list, searched and filtered',
      () => listArticlesForAdmin(cliActor, { q: '物価', status: 'published', category: 'economy', page: 3 }),
    ],
  ];

  for (const [label, run] of cases) {
    it(`${label} scans no big table sequentially`, async () => {
      const events = await captured(run);
      expect(events.length).toBeGreaterThan(0);
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        for (const event of events) {
          const params = JSON.parse(event.params) as unknown[];
          const { rows } = await client.query(`EXPLAIN (FORMAT JSON) ${event.query}`, params);
          const plan = (rows[0]['QUERY PLAN'] as { Plan: Record<string, unknown> }[])[0]!.Plan;
          expect(seqScans(plan), event.query).toEqual([]);
        }
      } finally {
        await client.end();
      }
    });
  }

  it('an article page costs at most two queries when it is not cached', async () => {
    const events = await captured(() => getArticlePage('bulk-1234'));
    expect(events.length).toBeLessThanOrEqual(2);
    expect(await db().article.count({ where: { slug: 'bulk-1234' } })).toBe(1);
  });
});
