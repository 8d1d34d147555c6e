import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import pg from 'pg';
import { parseFeed } from '@rowanmanning/feed-parser';
import { expect, test, readText } from './support/test';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { BreadcrumbList, NewsArticle, WebSite } from 'schema-dts';
import {
  e2eDatabaseUrl,
  e2ePort,
  HOSTILE_TITLE,
  IMAGELESS,
  PAGED_CATEGORY,
  PSQL_EDITED,
  SEED,
} from './support/fixtures';

const HIDDEN = 'E2E 非公開の記事';
const origin = `http://localhost:${e2ePort}`;

async function jsonLd(page: import('@playwright/test').Page): Promise<Record<string, unknown>[]> {
  const blocks = await page.locator('script[type="application/ld+json"]').allTextContents();
  return blocks.map((block) => JSON.parse(block));
}

test.describe('navigation', () => {
  test('the header links every category and its search box works without JavaScript', async ({ browser }) => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto('/');
    const nav = page.getByRole('navigation', { name: 'カテゴリ' });
    for (const name of ['国際', '政治', '経済', '社会', '科学・技術'])
      await expect(nav.getByRole('link', { name })).toBeVisible();
    await page.getByRole('searchbox', { name: '記事を検索' }).fill('停戦');
    await page.getByRole('searchbox', { name: '記事を検索' }).press('Enter');
    await expect(page).toHaveURL(/\/search\?q=%E5%81%9C%E6%88%A6$/);
    await expect(page.getByRole('link', { name: SEED.title })).toBeVisible();
    await context.close();
  });

  test('the navigation marks the section the reader is in', async ({ page }) => {
    const nav = page.getByRole('navigation', { name: 'カテゴリ' });
    const marked = nav.locator('[aria-current]');
    await page.goto('/');
    await expect(marked).toHaveCount(1);
    await expect(nav.getByRole('link', { name: 'トップ' })).toHaveAttribute('aria-current', 'page');
    await page.goto(`/category/${PAGED_CATEGORY.slug}`);
    await expect(marked).toHaveCount(1);
    await expect(nav.getByRole('link', { name: '経済' })).toHaveAttribute('aria-current', 'page');
    // Within the section, not its page: an article, and a later page of the listing.
    await page.goto(`/category/${PAGED_CATEGORY.slug}?page=2`);
    await expect(nav.getByRole('link', { name: '経済' })).toHaveAttribute('aria-current', 'true');
    await page.goto(`/articles/${SEED.slug}`);
    await expect(marked).toHaveCount(1);
    await expect(nav.getByRole('link', { name: '国際' })).toHaveAttribute('aria-current', 'true');
    // Pages outside every section mark none.
    await page.goto('/search?q=%E5%81%9C%E6%88%A6');
    await expect(marked).toHaveCount(0);
    await page.goto('/about/ai');
    await expect(marked).toHaveCount(0);
  });

  test('the home page leads on to the stories after its first ones', async ({ page }) => {
    await page.goto('/');
    const shown = new Set(
      await page
        .locator('main a[href^="/articles/"]')
        .evaluateAll((links) => links.map((link) => link.getAttribute('href'))),
    );
    await page.getByRole('link', { name: 'これより前の記事を見る' }).click();
    await expect(page).toHaveURL(/\/archive\/\d{4}\/\d{2}$/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(/\d{4}年\d{1,2}月の記事/);
    const listed = await page
      .locator('main article a[href^="/articles/"]')
      .evaluateAll((links) => links.map((link) => link.getAttribute('href')));
    expect(listed.filter((href) => !shown.has(href)).length).toBeGreaterThan(0);
    await page.goto('/');
    await page.getByRole('link', { name: '月別の記事一覧' }).click();
    await expect(page).toHaveURL(/\/archive$/);
  });

  test('a category pages through its articles with real ?page links, and 404s past the end', async ({
    page,
    request,
  }) => {
    await page.goto(`/category/${PAGED_CATEGORY.slug}`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('経済');
    await expect(page.locator('main article')).toHaveCount(20);
    const next = page.getByRole('navigation', { name: 'ページ送り' }).getByRole('link', { name: '次のページ' });
    await expect(next).toHaveAttribute('href', `/category/${PAGED_CATEGORY.slug}?page=2`);
    await next.click();
    await expect(page).toHaveURL(new RegExp(`/category/${PAGED_CATEGORY.slug}\\?page=2$`));
    const total = PAGED_CATEGORY.count + 2; // the two demo economy articles
    await expect(page.locator('main article')).toHaveCount(total - 20);
    expect((await request.get(`/category/${PAGED_CATEGORY.slug}?page=3`)).status()).toBe(404);
    expect((await request.get('/category/no-such-category')).status()).toBe(404);
  });

  test('tag pages and the monthly archive list the right articles', async ({ page, request }) => {
    await page.goto(`/tag/${encodeURIComponent('停戦')}`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('#停戦');
    await expect(page.getByRole('link', { name: SEED.title })).toBeVisible();
    await expect(page.locator('main')).not.toContainText(HIDDEN);
    await page.goto(`/tag/${encodeURIComponent(PAGED_CATEGORY.tag)}?page=2`);
    await expect(page.locator('main article')).toHaveCount(PAGED_CATEGORY.count - 20);

    await page.goto('/archive');
    await page.getByRole('link', { name: '2025年10月' }).click();
    await expect(page).toHaveURL(/\/archive\/2025\/10$/);
    await expect(page.getByRole('link', { name: SEED.title })).toBeVisible();
    expect((await request.get('/archive/2019/01')).status()).toBe(404);
    for (const listing of [
      '/category/world',
      '/archive/2025/10',
      `/archive/${new Date().getFullYear()}/${String(new Date().getMonth() + 1).padStart(2, '0')}`,
    ]) {
      const html = await readText(await request.get(listing));
      expect(html, listing).not.toContain(HIDDEN);
    }
    expect((await request.get('/tag/no-such-tag')).status()).toBe(404);
  });

  test('an article page has breadcrumbs and links to related articles', async ({ page }) => {
    await page.goto(`/articles/${SEED.slug}`);
    const crumbs = page.getByRole('navigation', { name: 'パンくずリスト' });
    await expect(crumbs.getByRole('link', { name: 'ホーム' })).toHaveAttribute('href', '/');
    await expect(crumbs.getByRole('link', { name: '国際' })).toHaveAttribute('href', '/category/world');
    await expect(crumbs.locator('[aria-current="page"]')).toHaveText(SEED.title);
    await expect(page.getByRole('complementary', { name: '関連記事' }).getByRole('link').first()).toBeVisible();
  });

  test('the footer links the AI policy and the corrections policy', async ({ page }) => {
    await page.goto('/');
    const footer = page.getByRole('navigation', { name: 'サイト情報' });
    await footer.getByRole('link', { name: 'AI利用方針' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('AI利用方針');
    await page.goBack();
    await footer.getByRole('link', { name: '訂正方針' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('訂正方針');
  });
});

test.describe('search', () => {
  test('finds the seed by 2-character and longer Japanese words, ANDing several', async ({ page }) => {
    for (const q of ['停戦', 'トマホーク', '停戦 トマホーク', 'ゼレンスキー　キーウ']) {
      await page.goto(`/search?q=${encodeURIComponent(q)}`);
      await expect(page.getByRole('link', { name: SEED.title }), q).toBeVisible();
    }
    await page.goto(`/search?q=${encodeURIComponent('停戦 存在しない語句')}`);
    await expect(page.getByRole('status')).toContainText('0件');
  });

  test('ranks title hits first, then the newest, and highlights the words', async ({ page }) => {
    await page.goto(`/search?q=${encodeURIComponent('停戦')}`);
    const titles = await page.locator('ol[aria-label="検索結果"] > li h2').allTextContents();
    // Other tests publish articles with the word in their titles too (the AI desk's correction of
    // the seed): every title hit comes before the first article with the word only in its text.
    const bodyOnly = titles.indexOf('E2E 本文だけに語を含む記事');
    expect(bodyOnly).toBeGreaterThan(0);
    expect(titles.indexOf(SEED.title)).toBeGreaterThanOrEqual(0);
    expect(titles.indexOf(SEED.title)).toBeLessThan(bodyOnly);
    expect(titles.slice(0, bodyOnly).every((title) => title.includes('停戦'))).toBe(true);
    expect(titles.slice(bodyOnly).some((title) => title.includes('停戦'))).toBe(false);
    await expect(page.locator('ol[aria-label="検索結果"] > li').first().locator('h2 mark')).toHaveText('停戦');
    await expect(page.locator('main')).not.toContainText(HIDDEN);
  });

  test('snippets come from the text, highlight the words there and never repeat the title', async ({ page }) => {
    await page.goto(`/search?q=${encodeURIComponent('停戦')}`);
    const results = page.locator('ol[aria-label="検索結果"] > li');
    const count = await results.count();
    expect(count).toBeGreaterThan(1);
    for (let index = 0; index < count; index += 1) {
      const result = results.nth(index);
      const title = (await result.locator('h2').textContent())!.trim();
      const snippet = result.locator('p').last();
      expect(await snippet.textContent(), title).not.toContain(title);
      expect(await snippet.textContent(), title).not.toMatch(/\[\d+\]/);
    }
    // The body-only hit and the seed (停戦 in its title and in its text) both mark the word in the text.
    for (const name of ['E2E 本文だけに語を含む記事', SEED.title]) {
      const result = results.filter({ has: page.getByRole('heading', { name }) });
      await expect(result.locator('p').last().locator('mark').first(), name).toHaveText('停戦');
    }
  });

  test('pages through many results', async ({ page }) => {
    await page.goto(`/search?q=${encodeURIComponent('経済の続報')}`);
    await expect(page.getByRole('status')).toContainText(`${PAGED_CATEGORY.count}件`);
    await expect(page.locator('ol[aria-label="検索結果"] > li')).toHaveCount(20);
    await page.getByRole('link', { name: '次のページ' }).click();
    await expect(page.locator('ol[aria-label="検索結果"] > li')).toHaveCount(PAGED_CATEGORY.count - 20);
  });

  test('answers an empty, an over-long or a hostile query with a clear page, not an error', async ({ request }) => {
    const cases: [string, string][] = [
      ['', '検索語を入力してください'],
      ['あ'.repeat(300), '検索語が長すぎます'],
      ["%' OR 1=1 --", '件'],
      ['%_\\', '件'],
    ];
    for (const [q, text] of cases) {
      const response = await request.get(`/search?q=${encodeURIComponent(q)}`);
      expect(response.status(), q).toBe(200);
      expect(await readText(response), q).toContain(text);
    }
    expect((await request.get('/search?q=%E0%A4%A')).status()).toBeLessThan(500);
  });
});

test.describe('what crawlers read', () => {
  test('an article page carries its title, description, canonical URL, OpenGraph and Twitter tags', async ({
    page,
  }) => {
    await page.goto(`/articles/${SEED.slug}`);
    const meta = (selector: string) => page.locator(selector).first().getAttribute('content');
    await expect(page).toHaveTitle(`${SEED.title} | Kiji`);
    expect(await meta('meta[name="description"]')).toMatch(/^2025年10月18日、ホワイトハウス前庭/);
    await expect(page.locator('link[rel="canonical"]')).toHaveAttribute('href', `${origin}/articles/${SEED.slug}`);
    expect(await meta('meta[property="og:type"]')).toBe('article');
    expect(await meta('meta[property="og:locale"]')).toBe('ja_JP');
    expect(await meta('meta[property="article:published_time"]')).toBe('2025-10-18T00:00:00+09:00');
    expect(await meta('meta[property="article:modified_time"]')).toMatch(/\+09:00$/);
    expect(await meta('meta[property="article:section"]')).toBe('国際');
    const tags = await page
      .locator('meta[property="article:tag"]')
      .evaluateAll((nodes) => nodes.map((node) => node.getAttribute('content')));
    expect(tags).toEqual(SEED.tags);
    expect(await meta('meta[name="twitter:card"]')).toBe('summary_large_image');
    expect(await meta('meta[name="robots"]')).toContain('max-image-preview:large');
    // The seed is demo content: readable, not indexable.
    expect(await meta('meta[name="robots"]')).toMatch(/^noindex, follow/);
  });

  test('each article has its own Open Graph image with its Japanese title drawn', async ({ page, request }) => {
    const images: Buffer[] = [];
    // Two articles without a lead image: their cards are drawn from their titles.
    for (const slug of [IMAGELESS.slug, 'demo-earthquake-drill-companies']) {
      await page.goto(`/articles/${slug}`);
      const url = await page.locator('meta[property="og:image"]').getAttribute('content');
      const response = await request.get(url!);
      expect(response.status()).toBe(200);
      expect(response.headers()['content-type']).toBe('image/png');
      const png = await response.body();
      expect(png.readUInt32BE(16)).toBe(1200);
      expect(png.readUInt32BE(20)).toBe(630);
      images.push(png);
    }
    // Different titles must draw differently: missing glyphs would render as identical blanks.
    expect(images[0]!.equals(images[1]!)).toBe(false);
  });

  test('an article carries NewsArticle and BreadcrumbList structured data', async ({ page }) => {
    await page.goto(`/articles/${SEED.slug}`);
    const blocks = await jsonLd(page);
    const article = blocks.find((block) => block['@type'] === 'NewsArticle') as Exclude<NewsArticle, string> &
      Record<string, unknown>;
    expect(article).toMatchObject({
      '@context': 'https://schema.org',
      headline: SEED.title,
      articleSection: '国際',
      keywords: SEED.tags,
      datePublished: '2025-10-18T00:00:00+09:00',
      inLanguage: 'ja',
      isAccessibleForFree: true,
      mainEntityOfPage: { '@type': 'WebPage', '@id': `${origin}/articles/${SEED.slug}` },
      digitalSourceType: 'https://schema.org/TrainedAlgorithmicMediaDigitalSource',
    });
    // The seed has no sources: no empty citation list, no empty isBasedOn.
    expect(article).not.toHaveProperty('citation');
    expect(article).not.toHaveProperty('isBasedOn');
    expect(String(article.description)).toMatch(/^2025年10月18日/);
    expect(String(article.dateModified)).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+09:00$/);
    // The seed has a lead image: its 16:9 cut comes first (e2e/crawl.spec.ts checks all three).
    expect((article.image as unknown as { url: string }[])[0]!.url).toMatch(
      new RegExp(`^${origin}/media/images/\\d+/1200x675\\.jpg$`),
    );
    // Signed by the demo's editor, whose profile the byline links to; published by Kiji.
    expect(article.author).toMatchObject({
      '@type': 'Person',
      name: 'デモ編集者',
      url: `${origin}/editors/demo-editor`,
    });
    for (const party of [article.publisher] as Record<string, unknown>[]) {
      expect(party).toMatchObject({
        '@type': 'NewsMediaOrganization',
        name: 'Kiji',
        publishingPrinciples: `${origin}/about/ai`,
        correctionsPolicy: `${origin}/about/corrections`,
      });
      expect(party.logo).toMatchObject({ url: `${origin}/logo-square.png`, width: 512, height: 512 });
    }
    const crumbs = blocks.find((block) => block['@type'] === 'BreadcrumbList') as unknown as Exclude<
      BreadcrumbList,
      string
    >;
    expect((crumbs.itemListElement as unknown as { name: string }[]).map((item) => item.name)).toEqual([
      'ホーム',
      '国際',
      SEED.title,
    ]);
  });

  test('an analysis piece is marked up as AnalysisNewsArticle', async ({ page }) => {
    await page.goto('/articles/e2e-analysis');
    const types = (await jsonLd(page)).map((block) => block['@type']);
    expect(types).toContain('AnalysisNewsArticle');
    expect(types).not.toContain('NewsArticle');
  });

  test('sources appear as citations in the structured data', async ({ page }) => {
    await page.goto('/articles/demo-minimum-wage-regional-gap');
    const article = (await jsonLd(page)).find((block) => block['@type'] === 'NewsArticle')!;
    expect(article.citation).toEqual([
      expect.objectContaining({
        '@type': 'CreativeWork',
        url: expect.stringMatching(/^https:\/\/www\.mhlw\.go\.jp\//),
      }),
      expect.objectContaining({ '@type': 'CreativeWork', url: 'https://www.chusho.meti.go.jp/' }),
    ]);
  });

  test('the home page declares the WebSite and its search action', async ({ page }) => {
    await page.goto('/');
    const site = (await jsonLd(page)).find((block) => block['@type'] === 'WebSite') as Exclude<WebSite, string> &
      Record<string, unknown>;
    expect(site.potentialAction).toMatchObject({
      '@type': 'SearchAction',
      target: { urlTemplate: `${origin}/search?q={search_term_string}` },
      'query-input': 'required name=search_term_string',
    });
  });

  test('article text cannot break out of the structured data or become markup', async ({ page }) => {
    const dialogs: string[] = [];
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    await page.goto('/articles/e2e-hostile');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(HOSTILE_TITLE);
    const article = (await jsonLd(page)).find((block) => block['@type'] === 'NewsArticle')!;
    expect(article.headline).toBe(HOSTILE_TITLE);
    expect(
      // Pictures Kiji made from an editor's upload (related stories' thumbnails) are the only images.
      await page
        .locator(
          'main script:not([type="application/ld+json"]), main iframe, main svg, main img:not([src^="/media/images/"])',
        )
        .count(),
    ).toBe(0);
    expect(
      await page.evaluate(() =>
        [...document.querySelectorAll('main *')].some((el) => [...el.attributes].some((a) => a.name.startsWith('on'))),
      ),
    ).toBe(false);
    expect(dialogs).toEqual([]);
  });
});

/** A fixture that is not demo content, so the feeds carry it (e2e/support/fixtures.ts). */
const FEED_ARTICLE = { slug: 'e2e-body-only', title: 'E2E 本文だけに語を含む記事', text: '停戦交渉の行方を追う。' };

test.describe('feeds and sitemaps', () => {
  test('RSS and Atom parse with a real feed parser and carry content, creator, category and disclosure', async ({
    request,
  }) => {
    for (const feedPath of ['/feed.xml', '/atom.xml']) {
      const xml = await readText(await request.get(feedPath));
      const feed = parseFeed(xml);
      expect(feed.items.length, feedPath).toBeGreaterThanOrEqual(20);
      const article = feed.items.find((item) => item.title === FEED_ARTICLE.title);
      expect(article?.url).toBe(`${origin}/articles/${FEED_ARTICLE.slug}`);
      expect(article?.content).toContain(FEED_ARTICLE.text);
      expect(article?.authors.map((author) => author.name)).toEqual(['Kiji（AI生成）']);
      expect(article?.categories.map((category) => category.label ?? category.term)).toContain('国際');
      expect(xml).toContain('<ai:disclosure>ai-generated</ai:disclosure>');
      expect(xml).not.toContain(HIDDEN);
      // The seed and the demo articles are demo content: noindex on their pages, in no sitemap, in no feed.
      expect(feed.items.some((item) => item.title === SEED.title || item.url?.includes('/articles/demo-'))).toBe(false);
    }
  });

  test('each category has its own feed', async ({ request }) => {
    const feed = parseFeed(await readText(await request.get('/category/world/feed.xml')));
    expect(feed.items.map((item) => item.title)).toContain(FEED_ARTICLE.title);
    expect(feed.items.map((item) => item.title)).not.toContain(SEED.title);
    expect(
      feed.items.every((item) =>
        item.categories.some((category) => category.term === '国際' || category.label === '国際'),
      ),
    ).toBe(true);
    expect((await request.get('/category/no-such-category/feed.xml')).status()).toBe(404);
  });

  test('the sitemap and the news sitemap parse as XML with the right namespaces', async ({ request }) => {
    const parser = new XMLParser({ ignoreAttributes: false, removeNSPrefix: false });
    const sitemapXml = await readText(await request.get('/sitemap.xml'));
    expect(XMLValidator.validate(sitemapXml)).toBe(true);
    const sitemap = parser.parse(sitemapXml);
    expect(sitemap.urlset['@_xmlns']).toBe('http://www.sitemaps.org/schemas/sitemap/0.9');
    const urls: { loc: string; lastmod?: string }[] = sitemap.urlset.url;
    const fixture = urls.find((url) => url.loc === `${origin}/articles/e2e-paged-1`);
    expect(fixture?.lastmod).toMatch(/\+09:00$/);
    // The seed and the demo articles are demo content: public, but not for search engines.
    expect(urls.some((url) => url.loc.includes(SEED.slug) || url.loc.includes('/articles/demo-'))).toBe(false);
    expect(
      urls.some(
        (url) => url.loc.includes('e2e-draft') || url.loc.includes('e2e-deleted') || url.loc.includes('e2e-scheduled'),
      ),
    ).toBe(false);

    const newsXml = await readText(await request.get('/news-sitemap.xml'));
    expect(XMLValidator.validate(newsXml)).toBe(true);
    const news = parser.parse(newsXml);
    expect(news.urlset['@_xmlns:news']).toBe('http://www.google.com/schemas/sitemap-news/0.9');
    const entries = [news.urlset.url].flat() as Record<string, Record<string, Record<string, string>>>[];
    expect(entries.length).toBeGreaterThanOrEqual(PAGED_CATEGORY.count);
    expect(entries[0]!['news:news']!['news:publication']).toEqual({ 'news:name': 'Kiji', 'news:language': 'ja' });
    expect(newsXml).not.toContain(SEED.slug); // published more than two days ago

    const robots = await readText(await request.get('/robots.txt'));
    expect(robots).toContain(`Sitemap: ${origin}/sitemap.xml`);
    expect(robots).toContain(`Sitemap: ${origin}/news-sitemap.xml`);
  });
});

test('a crawl from the home page finds every internal link answering 200', async ({ request }) => {
  test.setTimeout(120_000);
  const seen = new Set<string>(['/']);
  const referrer = new Map<string, string>();
  const queue = ['/'];
  const broken: string[] = [];
  const linksOn = async (path: string) =>
    [...(await readText(await request.get(path))).matchAll(/<a [^>]*href="(\/[^"#]*)"/g)].map((match) =>
      match[1]!.replace(/&amp;/g, '&'),
    );
  while (queue.length > 0 && seen.size < 400) {
    const next = queue.shift()!;
    const response = await request.get(next, { maxRedirects: 0 });
    let status = response.status();
    if (status === 308) status = (await request.get(response.headers().location!)).status();
    if (status !== 200) {
      // Other tests publish and unpublish while we crawl: a link is broken only if it is still there.
      const from = referrer.get(next);
      if (!from || (await linksOn(from)).includes(next)) broken.push(`${next} → ${status} (linked from ${from})`);
      continue;
    }
    if (!(response.headers()['content-type'] ?? '').includes('text/html')) continue;
    for (const match of (await readText(response)).matchAll(/<a [^>]*href="(\/[^"#]*)"/g)) {
      const href = match[1]!.replace(/&amp;/g, '&');
      if (!seen.has(href)) {
        seen.add(href);
        referrer.set(href, next);
        queue.push(href);
      }
    }
  }
  expect(broken).toEqual([]);
  expect(seen.size).toBeGreaterThan(40);
});

// No secret, no HTTP call: the import's commit is announced by PostgreSQL, and the server expires
// what changed. Polls wait for the event with a ceiling a loaded machine meets; without the
// announcement the warmed pages would stay stale for an hour and every poll would time out.
test('a command-line import shows on the home page, its category page and the feeds, and an unpublished one disappears', async ({
  request,
}) => {
  test.setTimeout(90_000);
  const file = test.info().outputPath('breaking.md');
  const title = 'E2E 速報の記事が公開される';
  writeFileSync(file, `# ${title}\n\n速報のリードである。\n\n## 経過\n\n速報の本文。\n`);
  const { REVALIDATE_SECRET: _none, ...env } = process.env;
  const run = (...args: string[]) =>
    spawnSync(
      process.execPath,
      [
        '--conditions=react-server',
        '--import',
        'tsx',
        'scripts/import.ts',
        file,
        '--slug',
        'e2e-breaking',
        '--category',
        'technology',
        ...args,
      ],
      {
        env: { ...env, DATABASE_URL: e2eDatabaseUrl() },
        encoding: 'utf8',
      },
    );
  // Warm the caches first, so a stale copy would be served if invalidation failed.
  for (const url of ['/', '/category/technology', '/feed.xml', '/sitemap.xml', '/articles/e2e-breaking'])
    await request.get(url);
  // The missing article is now a 404 the fast path answers by itself: the import must undo that.
  await expect
    .poll(async () => {
      const missing = await request.get('/articles/e2e-breaking');
      return `${missing.status()} ${missing.headers()['x-kiji-served-by']}`;
    })
    .toBe('404 fast-path');

  const published = run('--status', 'published', '--no-sources-reason', '速報のため、資料は追って示す');
  expect(published.status, published.stderr).toBe(0);
  await expect.poll(async () => (await request.get('/articles/e2e-breaking')).status()).toBe(200);
  for (const url of [
    '/',
    '/category/technology',
    '/feed.xml',
    '/atom.xml',
    '/category/technology/feed.xml',
    '/sitemap.xml',
  ]) {
    await expect
      .poll(
        async () =>
          (await readText(await request.get(url))).includes(url === '/sitemap.xml' ? '/articles/e2e-breaking' : title),
        { message: url },
      )
      .toBe(true);
  }

  expect(run('--status', 'draft').status).toBe(0);
  await expect.poll(async () => (await request.get('/articles/e2e-breaking')).status()).toBe(404);
  for (const url of ['/', '/category/technology', '/feed.xml', '/sitemap.xml']) {
    await expect
      .poll(async () => (await readText(await request.get(url))).includes('e2e-breaking'), { message: url })
      .toBe(false);
  }
});

test('a title changed with an UPDATE in psql shows on the article page and its category page', async ({ request }) => {
  const { slug, title } = PSQL_EDITED;
  for (const url of [`/articles/${slug}`, '/category/society'])
    expect(await readText(await request.get(url))).toContain(title); // cached now
  const changed = 'E2E psqlで直された記事';
  const client = new pg.Client({ connectionString: e2eDatabaseUrl() });
  await client.connect();
  try {
    await client.query('UPDATE articles SET title = $1 WHERE slug = $2', [changed, slug]);
  } finally {
    await client.end();
  }
  for (const url of [`/articles/${slug}`, '/category/society']) {
    await expect
      .poll(async () => (await readText(await request.get(url))).includes(changed), { message: url })
      .toBe(true);
  }
});
