import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { SEED } from './support/fixtures';

test('the home page lists the latest published articles, newest first', async ({ page }) => {
  const response = await page.goto('/');
  expect(response?.status()).toBe(200);
  const cards = page.locator('main article');
  expect(await cards.count()).toBeGreaterThanOrEqual(9);
  const dates = await cards.locator('time').evaluateAll((times) => times.map((time) => time.getAttribute('datetime') ?? ''));
  expect(dates).toEqual([...dates].sort().reverse());
  const seedCard = cards.filter({ hasText: SEED.title });
  await expect(seedCard.getByRole('link', { name: SEED.title })).toHaveAttribute('href', `/articles/${SEED.slug}`);
  await expect(seedCard).toContainText('2025年10月18日');
  await expect(seedCard).toContainText(SEED.category);
  await expect(seedCard).toContainText('ホワイトハウス前庭');
  await expect(page.locator('main')).not.toContainText('E2E 非公開の記事');
});

test('the home page has no accessibility violations', async ({ page }) => {
  await page.goto('/');
  const results = await new AxeBuilder({ page }).analyze();
  expect(results.violations).toEqual([]);
});
