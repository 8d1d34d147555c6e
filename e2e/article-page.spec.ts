import AxeBuilder from '@axe-core/playwright';
import { expect, test, readText } from './support/test';
import { STANDARD_DISCLAIMER, SHORT_DISCLAIMER } from '../lib/articles/text/site-text';
import { SEED, SOURCED } from './support/fixtures';

const seedPath = `/articles/${SEED.slug}`;

test.describe('the seed article page', () => {
  test('arrives with every element in place in the server HTML', async ({ request }) => {
    const response = await request.get(seedPath);
    expect(response.status()).toBe(200);
    const html = await readText(response);
    expect(html).toMatch(/<html lang="ja"/);
    expect(html.match(/<h1[\s>]/g)).toHaveLength(1);
    expect(html).toContain(`>${SEED.title}</h1>`);
    expect(html).toMatch(/<time datetime="2025-10-18T00:00:00\+09:00">2025年10月18日<\/time>/i);
    for (const heading of SEED.headings) expect(html).toContain(`>${heading.replace('「', '「')}</h2>`);
    expect(html).toContain('出典の記載はありません');
    // No sources, so nothing was checked against them, and the page says so (docs/decisions/0028).
    expect(html).toContain('数値・日付は出典と照合していません');
    expect(html).not.toContain('を出典で確認');
    // Content in place: no part of the article hides in a streamed, hidden node.
    const hiddenChunks = [...html.matchAll(/<div hidden[^>]*>([\s\S]*?)<\/div>/g)].map((match) => match[1]);
    for (const chunk of hiddenChunks) expect(chunk).not.toContain(SEED.title);
    expect(html).not.toContain('<template');
  });

  test('shows title, dateline, disclosure, lead, sections, sources and tags to a reader without JavaScript', async ({
    browser,
  }) => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(seedPath);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(SEED.title);
    const banner = page.getByRole('note');
    await expect(banner).toContainText('制作方法：AI生成');
    // The banner opens to the statement without a script; it is in full at the foot as well.
    await banner.locator('summary').click();
    await expect(banner.locator('p').first()).toHaveText(STANDARD_DISCLAIMER);
    await expect(page.getByTestId('full-disclaimer')).toHaveText(STANDARD_DISCLAIMER);
    await expect(page.locator('article time').first()).toHaveText('2025年10月18日');
    await expect(page.locator('article').getByText(SEED.place, { exact: true })).toBeVisible();
    await expect(page.locator('.article-body p').first()).toContainText('2025年10月18日、ホワイトハウス前庭');
    await expect(page.locator('article h2')).toHaveText([...SEED.headings, '参考・出典', 'この記事について']);
    await expect(page.getByText(SHORT_DISCLAIMER)).toBeVisible();
    await expect(page.getByText('出典の記載はありません')).toBeVisible();
    for (const tag of SEED.tags) await expect(page.getByText(`#${tag}`)).toBeVisible();
    await expect(page.locator('article footer')).toContainText(SEED.category);
    const banner_box = await banner.boundingBox();
    const firstSection = await page.locator('article h2').first().boundingBox();
    expect(banner_box!.y).toBeLessThan(firstSection!.y);
    await context.close();
  });

  test('says under 参考・出典 and in この記事について why it was published without a source', async ({ page }) => {
    await page.goto(`/articles/${SEED.slug}`);
    const reason = '元の記事の参考・出典欄が空のまま届いたため';
    await expect(page.locator('section[aria-labelledby="sources-heading"]')).toContainText(
      `出典の記載はありません。理由：${reason}`,
    );
    await expect(page.locator('section[aria-labelledby="about-article-heading"]')).toContainText(
      `出典がない理由${reason}`,
    );
  });

  test('breaks its headline only between phrases, never inside a word', async ({ page }) => {
    await page.goto(`/articles/${SEED.slug}`);
    const heading = page.getByRole('heading', { level: 1 });
    await expect(heading).toHaveText(SEED.title);
    const html = await heading.innerHTML();
    expect(html.split('<wbr>').length).toBeGreaterThan(2);
    for (const word of ['大統領', '即時停戦', '軍事支援', '見送り', '期待', '現実', '落差']) {
      expect(
        html
          .replaceAll('<wbr>', '|')
          .split('|')
          .some((phrase) => phrase.includes(word)),
        word,
      ).toBe(true);
    }
    expect(await heading.evaluate((element) => getComputedStyle(element).wordBreak)).toBe('keep-all');
  });

  test('links to other articles', async ({ page }) => {
    await page.goto(seedPath);
    const related = page.getByRole('complementary', { name: '関連記事' }).getByRole('link');
    expect(await related.count()).toBeGreaterThan(0);
    const href = await related.first().getAttribute('href');
    expect(href).toMatch(/^\/articles\/[a-z0-9-]+$/);
    expect((await page.request.get(href!)).status()).toBe(200);
  });

  test('has no accessibility violations', async ({ page }) => {
    await page.goto(seedPath);
    const results = await new AxeBuilder({ page }).analyze();
    expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
  });
});

test('an article edited after publication shows its 更新 time next to the dateline', async ({ request }) => {
  const html = await readText(await request.get('/articles/e2e-edited'));
  // As Japanese newspapers write it: 10時 on the hour, 12時40分 otherwise.
  expect(html).toMatch(/<time datetime="2025-01-06T10:00:00\+09:00">2025年1月6日 10時<\/time>/i);
  expect(html).toMatch(
    /更新 <time datetime="\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+09:00">\d{4}年\d{1,2}月\d{1,2}日 \d{1,2}時(\d{1,2}分)?<\/time>/i,
  );
  expect(html).toContain('更新後のリード。');
});

test('an article never edited after publication shows no 更新 time', async ({ request }) => {
  const html = await readText(await request.get(`/articles/${SEED.slug}`));
  expect(html).not.toContain('更新 <time');
});

test('an article with sources lists them as an ordered list of safe links', async ({ page }) => {
  await page.goto(`/articles/${SOURCED.slug}`);
  const links = page.locator('section[aria-labelledby="sources-heading"] ol > li a');
  await expect(links).toHaveCount(SOURCED.sourceCount);
  for (const link of await links.all()) {
    await expect(link).toHaveAttribute('rel', 'noopener noreferrer');
    expect(await link.getAttribute('href')).toMatch(/^https?:\/\//);
  }
});

test.describe('articles the public must not see', () => {
  for (const slug of ['no-such-article', 'e2e-draft', 'e2e-deleted', 'e2e-scheduled', 'UPPER-case', '..%2Fetc']) {
    test(`/articles/${slug} answers a real 404 with a helpful page`, async ({ request }) => {
      const response = await request.get(`/articles/${slug}`);
      expect(response.status()).toBe(404);
      const html = await readText(response);
      expect(html).toMatch(/<html lang="ja"/);
      expect(html).toMatch(/<h1[^>]*>ページが見つかりません<\/h1>/);
      expect(html).toContain('href="/"');
      expect(html).not.toContain('E2E 非公開の記事');
      // One robots instruction, and a title that says what the page is.
      expect([...html.matchAll(/<meta name="robots" content="([^"]*)"/g)].map((match) => match[1])).toEqual([
        'noindex',
      ]);
      expect(html).toMatch(/<title>ページが見つかりません \| Kiji<\/title>/);
    });
  }
});
