import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  getArchivePage,
  getCategoryPage,
  getHomePage,
  getTagPage,
  listArchiveMonths,
  listFeedItems,
  listNewsSitemapArticles,
  listSitemapArticles,
  loadLatestArticles,
  loadPublishedArticle,
  loadRelatedArticles,
  maxArticleId,
} from './public-reads';
import { searchArticles } from './search';
import { listSiteCorrections } from './corrections';
import { db, disconnectDb } from '../platform/db';
import { searchFieldsFor } from './search-text';

/**
 * "Public" is defined once (publicArticleWhere / publicArticleSql in lib/articles/public-reads.ts). Every public
 * read is held to it here, over a table of edge rows that differ from a public article in one
 * respect each. Each read must show the public row (so the check can fail by showing nothing) and
 * none of the others.
 */
const WORD = '境界線上';
const HOUR = 3_600_000;
const EDGES = {
  'edge-public': { status: 'published', publishedAt: -HOUR, deleted: false },
  'edge-future': { status: 'published', publishedAt: +HOUR, deleted: false },
  'edge-deleted': { status: 'published', publishedAt: -HOUR, deleted: true },
  'edge-scheduled-due': { status: 'scheduled', publishedAt: -HOUR, deleted: false }, // the scheduler has not run yet
  'edge-draft': { status: 'draft', publishedAt: -HOUR, deleted: false },
} as const;
const EDGE_SLUGS = Object.keys(EDGES);
const TAG = 'edge-public-reads';

const ids: Record<string, number> = {};
const DEMO_SLUG = 'edge-demo';

beforeAll(async () => {
  const category = await db().category.findUniqueOrThrow({ where: { slug: 'technology' }, select: { id: true } });
  const tag = await db().tag.upsert({ where: { slug: TAG }, create: { slug: TAG, name: TAG }, update: {} });
  for (const [slug, edge] of Object.entries(EDGES)) {
    const title = `${WORD}の記事 ${slug}`;
    const sections = [{ heading: '見出し', paragraphs: [`${WORD}にある本文。`] }];
    const row = await db().article.create({
      data: {
        slug,
        title,
        lead: 'リード。',
        status: edge.status,
        publishedAt: new Date(Date.now() + edge.publishedAt),
        deletedAt: edge.deleted ? new Date() : null,
        categoryId: category.id,
        disclaimer: '注記',
        ...searchFieldsFor({ title, lead: 'リード。', sections }),
        sections: { create: [{ position: 0, heading: '見出し', body: sections[0]!.paragraphs[0]! }] },
        tags: { create: [{ tagId: tag.id }] },
        corrections: {
          create: [
            { correctedAt: new Date(), whatWasWrong: `${slug} の誤り`, whatChanged: '直した', authorLabel: 'test' },
          ],
        },
      },
      select: { id: true },
    });
    ids[slug] = row.id;
  }
});

afterAll(async () => {
  await db().article.deleteMany({ where: { slug: { in: [...EDGE_SLUGS, DEMO_SLUG] } } });
  await disconnectDb();
});

const ours = (slugs: string[]) => slugs.filter((slug) => EDGE_SLUGS.includes(slug)).sort();

describe('every public read', () => {
  it('shows a published, due, undeleted article and nothing that differs from it in one respect', async () => {
    const now = new Date();
    const tokyo = new Date(now.getTime() - HOUR + 9 * HOUR);
    const reads: Record<string, string[]> = {
      article: (
        await Promise.all(EDGE_SLUGS.map(async (slug) => ((await loadPublishedArticle(slug)) ? slug : null)))
      ).filter((s): s is string => s !== null),
      latest: (await loadLatestArticles(200)).map((a) => a.slug),
      // Beside an article that shares their tag (in a section none of them is in).
      related: (
        await loadRelatedArticles({
          slug: 'an-article-beside-them',
          category: { slug: 'no-such-section', name: '' },
          tags: [{ slug: TAG, name: TAG }],
        })
      ).map((a) => a.slug),
      home: (await getHomePage()).categories.flatMap((block) => block.articles.map((a) => a.slug)),
      category: ((await getCategoryPage('technology', 1))?.articles ?? []).map((a) => a.slug),
      tag: ((await getTagPage(TAG, 1))?.articles ?? []).map((a) => a.slug),
      archive: ((await getArchivePage(tokyo.getUTCFullYear(), tokyo.getUTCMonth() + 1, 1))?.articles ?? []).map(
        (a) => a.slug,
      ),
      search: (await searchArticles([WORD], 1)).hits.map((hit) => hit.slug),
      feed: (await listFeedItems(null, 200)).map((item) => item.slug),
      categoryFeed: (await listFeedItems('technology', 200)).map((item) => item.slug),
      sitemap: (await listSitemapArticles(0, await maxArticleId())).map((a) => a.slug),
      newsSitemap: (await listNewsSitemapArticles()).map((a) => a.slug),
      corrections: (await listSiteCorrections(500)).map((c) => c.slug),
    };
    for (const [read, slugs] of Object.entries(reads)) expect(ours(slugs), read).toEqual(['edge-public']);

    const months = await listArchiveMonths();
    const month = months.find((m) => m.year === tokyo.getUTCFullYear() && m.month === tokyo.getUTCMonth() + 1);
    expect(month?.count).toBe((await getArchivePage(tokyo.getUTCFullYear(), tokyo.getUTCMonth() + 1, 1))?.total);
  });
});

describe('demo articles', () => {
  it('are read on the site but offered in no feed and no sitemap, as their noindex says', async () => {
    const category = await db().category.findUniqueOrThrow({ where: { slug: 'technology' }, select: { id: true } });
    await db().article.create({
      data: {
        slug: DEMO_SLUG,
        title: `${WORD}のデモ記事`,
        lead: 'リード。',
        status: 'published',
        publishedAt: new Date(Date.now() - HOUR),
        demo: true,
        categoryId: category.id,
        disclaimer: '注記',
        sections: { create: [{ position: 0, heading: '見出し', body: '本文。' }] },
      },
    });
    expect(await loadPublishedArticle(DEMO_SLUG)).not.toBeNull();
    expect((await getCategoryPage('technology', 1))?.articles.map((a) => a.slug)).toContain(DEMO_SLUG);
    const machines: Record<string, string[]> = {
      feed: (await listFeedItems(null, 200)).map((item) => item.slug),
      categoryFeed: (await listFeedItems('technology', 200)).map((item) => item.slug),
      sitemap: (await listSitemapArticles(0, await maxArticleId())).map((a) => a.slug),
      newsSitemap: (await listNewsSitemapArticles()).map((a) => a.slug),
    };
    for (const [read, slugs] of Object.entries(machines)) expect(slugs, read).not.toContain(DEMO_SLUG);
  });
});

describe('a tag page asked for by another way of writing the tag', () => {
  it('is the canonical tag’s page, carrying the canonical slug', async () => {
    const page = await getTagPage('EDGE-Public-Reads', 1);
    expect(page?.tag.slug).toBe(TAG);
    expect(page?.articles.map((a) => a.slug)).toContain('edge-public');
    const wide = await getTagPage('ＥＤＧＥ-ｐｕｂｌｉｃ-ｒｅａｄｓ', 1);
    expect(wide?.tag.slug).toBe(TAG);
  });
});
