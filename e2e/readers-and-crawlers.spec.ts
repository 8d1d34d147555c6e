import AxeBuilder from '@axe-core/playwright';
import sharp from 'sharp';
import { icoEntries } from '../lib/crawlers/ico';
import { e2ePort, SEED } from './support/fixtures';
import { expect, readText, test, type Page } from './support/test';

/** What issue 27 found a reader and a crawler meeting, each checked against a production build. */
const origin = `http://localhost:${e2ePort}`;

const jsonLdBlocks = async (page: Page) =>
  (await page.locator('script[type="application/ld+json"]').allTextContents()).map(
    (text) => JSON.parse(text) as Record<string, unknown>,
  );

test('the about page describes the publisher as a NewsMediaOrganization with its policies and a square logo', async ({
  page,
  request,
}) => {
  await page.goto('/about');
  const publisher = (await jsonLdBlocks(page)).find((block) => block['@type'] === 'NewsMediaOrganization');
  expect(publisher).toMatchObject({
    '@context': 'https://schema.org',
    name: 'Kiji',
    url: `${origin}/`,
    publishingPrinciples: `${origin}/about/ai`,
    correctionsPolicy: `${origin}/about/corrections`,
    verificationFactCheckingPolicy: `${origin}/about/ai`,
    actionableFeedbackPolicy: `${origin}/contact`,
    masthead: `${origin}/about`,
    ownershipFundingInfo: `${origin}/about`,
    noBylinesPolicy: `${origin}/about/ai`,
  });
  const logo = publisher!.logo as { url: string; width: number; height: number };
  const response = await request.get(logo.url);
  expect(response.headers()['content-type']).toBe('image/png');
  const { width, height } = await sharp(await response.body()).metadata();
  expect([width, height]).toEqual([logo.width, logo.height]);
  expect(width).toBeGreaterThanOrEqual(112);
  expect(width).toBe(height);
});

test('trust.txt names the contact page, in JournalList’s variable=value form', async ({ request }) => {
  const response = await request.get('/trust.txt');
  expect(response.status()).toBe(200);
  expect(response.headers()['content-type']).toContain('text/plain');
  expect((await response.text()).split('\n')).toContain(`contact=${origin}/contact`);
});

test('every page names its own URL as og:url', async ({ request }) => {
  for (const path of [
    '/',
    '/archive',
    '/corrections',
    '/about',
    '/about/ai',
    '/about/corrections',
    '/about/privacy',
    '/contact',
    '/search',
  ]) {
    const html = await (await request.get(path)).text();
    const ogUrl = /<meta property="og:url" content="([^"]*)"/.exec(html)?.[1];
    expect(ogUrl, path).toBe(path === '/' ? origin : `${origin}${path}`);
  }
});

test('/favicon.ico is a real icon file, and the pages name an Apple touch icon', async ({ request, page }) => {
  const favicon = await request.get('/favicon.ico');
  expect(favicon.headers()['content-type']).toBe('image/x-icon');
  const entries = icoEntries(new Uint8Array(await favicon.body()));
  expect(entries.map((entry) => entry.width)).toEqual([16, 32, 48]);
  for (const entry of entries) expect((await sharp(entry.bytes).metadata()).width).toBe(entry.width);
  await page.goto('/');
  const apple = await page.locator('link[rel="apple-touch-icon"]').getAttribute('href');
  expect(apple).toBe('/apple-touch-icon.png');
  const icon = await request.get(apple!);
  expect((await sharp(await icon.body()).metadata()).width).toBe(180);
  await expect(page.locator('link[rel="icon"][type="image/svg+xml"]')).toHaveCount(1);
});

test('a tag written another way (case, full width) is sent to its one page with a 308', async ({ request }) => {
  const canonical = `/tag/${encodeURIComponent('生成ai')}`;
  for (const variant of ['生成AI', '生成ＡＩ', '生成Ai']) {
    const response = await request.get(`/tag/${encodeURIComponent(variant)}`, { maxRedirects: 0 });
    expect(response.status(), variant).toBe(308);
    // Redirected by the proxy before any render: one Location (a page's own redirect carries two,
    // vercel/next.js issue 82117), naming the canonical page.
    const locations = response.headersArray().filter((header) => header.name.toLowerCase() === 'location');
    expect(locations.length, variant).toBe(1);
    expect(new URL(locations[0]!.value, origin).pathname, variant).toBe(canonical);
    // Asked again (now from the cache), it still redirects.
    const again = await request.get(`/tag/${encodeURIComponent(variant)}`, { maxRedirects: 0 });
    expect(again.status(), variant).toBe(308);
  }
  const page = await request.get(canonical);
  expect(page.status()).toBe(200);
  expect(await readText(page)).toContain('#生成AI');
  expect((await request.get(`/tag/${encodeURIComponent('存在しないタグ')}`, { maxRedirects: 0 })).status()).toBe(404);
});

test('feeds leave out the demo articles, as the sitemaps do', async ({ request }) => {
  for (const path of ['/feed.xml', '/atom.xml', '/sitemaps/articles-1.xml']) {
    const body = await request.get(path).then((response) => response.text());
    expect(body, path).not.toContain('/articles/demo-');
  }
});

test.describe('on a phone (390 px)', () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test('the AI banner is compact, opens to the full statement without a script, and the statement is at the foot', async ({
    browser,
  }) => {
    const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    await page.goto(`/articles/${SEED.slug}`);
    const banner = page.getByRole('note', { name: 'この記事の制作について' });
    await expect(banner).toContainText('制作方法：AI生成');
    expect((await banner.boundingBox())!.height).toBeLessThanOrEqual(120);
    await banner.locator('summary').click();
    await expect(banner.locator('p').first()).toBeVisible();
    await expect(page.getByTestId('full-disclaimer')).toBeVisible();
    await context.close();
  });

  /** The characters on a heading's last line, measured from the laid-out text. */
  const lastLineLengths = (page: Page, selector: string) =>
    page.locator(selector).evaluateAll((headings) =>
      headings.map((heading) => {
        const walker = document.createTreeWalker(heading, NodeFilter.SHOW_TEXT);
        const tops: number[] = [];
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          const text = node.textContent ?? '';
          for (let i = 0; i < text.length; i += 1) {
            const range = document.createRange();
            range.setStart(node, i);
            range.setEnd(node, i + 1);
            const rect = range.getClientRects()[0];
            if (rect) tops.push(Math.round(rect.top));
          }
        }
        const last = Math.max(...tops);
        return {
          text: heading.textContent,
          lines: new Set(tops).size,
          last: tops.filter((top) => top === last).length,
        };
      }),
    );

  test('headlines never leave one or two characters alone on their last line, on articles, listings and search results', async ({
    page,
  }) => {
    for (const [path, selector] of [
      [`/articles/${SEED.slug}`, 'h1'],
      ['/', 'main h2, main h3'],
      ['/category/world', 'main article h2'],
      [`/search?q=${encodeURIComponent('停戦')}`, 'ol[aria-label="検索結果"] h2'],
    ] as const) {
      await page.goto(path);
      const headings = await lastLineLengths(page, selector);
      expect(headings.length, path).toBeGreaterThan(0);
      for (const heading of headings.filter((h) => h.lines > 1)) {
        expect(heading.last, `${path}: ${heading.text}`).toBeGreaterThanOrEqual(3);
      }
    }
  });
});

test('the search page has no accessibility violations, its two search landmarks told apart', async ({ page }) => {
  await page.goto(`/search?q=${encodeURIComponent('停戦')}`);
  await expect(page.getByRole('search')).toHaveCount(2);
  const results = await new AxeBuilder({ page }).analyze();
  expect(results.violations.map((violation) => violation.id)).toEqual([]);
});

test('search snippets keep headings apart from the text and begin between phrases', async ({ page }) => {
  await page.goto(`/search?q=${encodeURIComponent('デモ記事')}`);
  const snippets = await page.locator('ol[aria-label="検索結果"] li > p:last-child').allTextContents();
  expect(snippets.length).toBeGreaterThan(0);
  for (const snippet of snippets) expect(snippet).not.toMatch(/^…[a-z]/);
});
