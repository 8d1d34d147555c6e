import AxeBuilder from '@axe-core/playwright';
import { expect, test } from './support/test';

test('the home page leads with a top story, then the latest articles newest first', async ({ page }) => {
  const response = await page.goto('/');
  expect(response?.status()).toBe(200);
  const top = page.locator('section[aria-labelledby="top-story"]');
  await expect(top.getByRole('heading', { level: 2 })).toBeVisible();
  const latest = page.locator('section[aria-labelledby="latest-heading"] article');
  expect(await latest.count()).toBeGreaterThanOrEqual(9);
  const dates = [
    await top.locator('time').getAttribute('datetime'),
    ...(await latest.locator('time').evaluateAll((times) => times.map((time) => time.getAttribute('datetime')))),
  ];
  expect(dates).toEqual([...dates].sort().reverse());
  const card = latest.first();
  // News is read by the hour: a card says when, not only which day.
  await expect(card.locator('time')).toHaveText(/^\d{4}年\d{1,2}月\d{1,2}日 \d{1,2}:\d{2}$/);
  await expect(card.getByRole('link')).toHaveAttribute('href', /^\/articles\//);
  expect((await card.locator('p').last().textContent())?.length).toBeGreaterThan(10);
  await expect(page.locator('main')).not.toContainText('E2E 非公開の記事');
});

test('the home page has a block per category, each linking to its page', async ({ page }) => {
  await page.goto('/');
  const world = page.locator('section[aria-labelledby="category-world"]');
  const links = world.locator('li a');
  expect(await links.count()).toBeGreaterThanOrEqual(1);
  for (const href of await links.evaluateAll((anchors) => anchors.map((a) => a.getAttribute('href'))))
    expect(href).toMatch(/^\/articles\//);
  await expect(world.getByRole('link', { name: '国際の記事をもっと見る' })).toHaveAttribute('href', '/category/world');
  for (const slug of ['world', 'economy', 'politics', 'society', 'technology']) {
    await expect(page.locator(`section[aria-labelledby="category-${slug}"] h2 a`)).toHaveAttribute(
      'href',
      `/category/${slug}`,
    );
  }
});

test('the home page has no accessibility violations', async ({ page }) => {
  await page.goto('/');
  const results = await new AxeBuilder({ page }).analyze();
  expect(results.violations).toEqual([]);
});
