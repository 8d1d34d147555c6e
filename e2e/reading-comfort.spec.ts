import { expect, test } from './support/test';
import { SEED } from './support/fixtures';

const seedPath = `/articles/${SEED.slug}`;

test('body text sets about 35 to 40 full-width characters a line, with generous line height', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto(seedPath);
  const metrics = await page
    .locator('.article-body p')
    .nth(1)
    .evaluate((element) => {
      const style = getComputedStyle(element);
      return {
        width: element.getBoundingClientRect().width,
        fontSize: parseFloat(style.fontSize),
        lineHeight: parseFloat(style.lineHeight),
      };
    });
  const charactersPerLine = metrics.width / metrics.fontSize;
  expect(charactersPerLine).toBeGreaterThanOrEqual(35);
  expect(charactersPerLine).toBeLessThanOrEqual(40);
  expect(metrics.lineHeight / metrics.fontSize).toBeGreaterThanOrEqual(1.8);
});

for (const width of [320, 375, 768, 1440]) {
  test(`fits a ${width}px wide screen without sideways scrolling`, async ({ page }) => {
    await page.setViewportSize({ width, height: 800 });
    for (const path of ['/', seedPath]) {
      await page.goto(path);
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      );
      expect(overflow, path).toBeLessThanOrEqual(0);
    }
  });
}

test('follows the system dark mode', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.goto(seedPath);
  const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  const [r, g, b] = background.match(/\d+/g)!.map(Number);
  expect(r! + g! + b!).toBeLessThan(120);
});

test('prints the article without the site furniture', async ({ page }) => {
  await page.goto(seedPath);
  await page.emulateMedia({ media: 'print' });
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expect(page.locator('header.site-header')).toBeHidden();
  await expect(page.getByRole('complementary', { name: '関連記事' })).toBeHidden();
});
