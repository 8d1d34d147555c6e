import AxeBuilder from '@axe-core/playwright';
import { expect, test } from './support/test';
import { login, query } from './support/admin';
import { ACCOUNTS, IMAGELESS, SEED } from './support/fixtures';

// One file, one worker, in order: the front-page test changes what leads the page, and puts it back.
test.describe.configure({ mode: 'serial' });

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
  await expect(card.locator('time')).toHaveText(/^\d{4}年\d{1,2}月\d{1,2}日 \d{1,2}時(\d{1,2}分)?$/);
  await expect(card.getByRole('link')).toHaveAttribute('href', /^\/articles\//);
  // Each card carries its lead (other tests publish short ones meanwhile: at least one reads as a sentence).
  const leads = await latest.evaluateAll((cards) =>
    cards.map((card) => card.querySelector('p:last-of-type')?.textContent ?? ''),
  );
  expect(leads.every((lead) => lead.length > 0)).toBe(true);
  expect(leads.some((lead) => lead.length > 10)).toBe(true);
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

test('editors choose the top story and the order of the lead stories, and can hand it back to the newest', async ({
  page,
  browser,
}) => {
  const idOf = async (slug: string) =>
    String((await query<{ id: number }>('SELECT id FROM articles WHERE slug = $1', [slug]))[0]!.id);
  const [seed, imageless] = [await idOf(SEED.slug), await idOf(IMAGELESS.slug)];
  const imagelessTitle = (
    await query<{ title: string }>('SELECT title FROM articles WHERE slug = $1', [IMAGELESS.slug])
  )[0]!.title;
  await login(page, ACCOUNTS.editor);
  await page.goto('/admin/front-page');
  const reader = await browser.newPage();
  const add = (id: string) => page.getByRole('button', { name: new RegExp(`（記事 ${id}）を並びに加える`) });
  const order = page.getByRole('list', { name: 'トップページの並び' }).getByRole('listitem');
  try {
    // Found by its words, told apart by its number, added, and ordered with buttons.
    await page.getByLabel('見出し・カテゴリ・記事番号で探す').fill(imagelessTitle.slice(0, 6));
    await add(imageless).click();
    await page.getByLabel('見出し・カテゴリ・記事番号で探す').fill('');
    await add(seed).click();
    await expect(order).toHaveCount(2);
    await page.getByRole('button', { name: `「${SEED.title}」を上へ` }).click();
    await expect(order.first()).toContainText(SEED.title);
    // A story already in the order cannot be added twice.
    await expect(add(seed)).toBeDisabled();
    await page.getByRole('button', { name: 'この並びで公開する' }).click();
    await expect(page.getByRole('status')).toContainText('トップページの並びを保存しました');

    await reader.goto('/');
    await expect(reader.locator('#top-story')).toHaveText(SEED.title);
    const latest = reader.locator('section[aria-labelledby="latest-heading"] article h3');
    // The second choice follows the top story.
    await expect(latest.first()).toHaveText(imagelessTitle);
    // The saved order is what the page shows when it opens again.
    await page.goto('/admin/front-page');
    await expect(order.first()).toContainText(SEED.title);
    await expect(order.nth(1)).toContainText(imagelessTitle);
  } finally {
    await page.goto('/admin/front-page');
    const remove = page.getByRole('button', { name: /を外す$/ });
    while ((await remove.count()) > 0) await remove.first().click();
    await page.getByRole('button', { name: 'この並びで公開する' }).click();
    await expect(page.getByRole('status')).toContainText('トップページの並びを保存しました');
  }
  await reader.goto('/');
  await expect(reader.locator('#top-story')).not.toHaveText(SEED.title);
  await reader.close();
});
