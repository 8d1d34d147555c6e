import type { Locator } from '@playwright/test';
import { ACCOUNTS, SEED } from './support/fixtures';
import { login, query } from './support/admin';
import { expect, test, type Page } from './support/test';

/**
 * The dashboard on a phone (390 × 844, issue #27): the menu wrapped to three rows and the editor's
 * sticky save bar took 189 of the screen's 844 px. The menu is one row (scrolling within itself),
 * the save bar one row of buttons, and no page scrolls sideways.
 */
const PHONE = { width: 390, height: 844 };
/** One row of buttons with the bar's padding, and the autosave line under it when there is one. */
const SAVE_BAR_MAX_PX = 64;
const SAVE_BAR_WITH_AUTOSAVE_MAX_PX = 88;

test.use({ viewport: PHONE });

async function sidewaysOverflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

/** The distinct top edges of a list of boxes, to the pixel: one value is one row. */
async function rows(items: Locator): Promise<number> {
  const tops = await items.evaluateAll((elements) =>
    elements.map((element) => Math.round(element.getBoundingClientRect().top)),
  );
  return new Set(tops).size;
}

test('at 390 px every admin page fits without sideways scrolling, and the menu is one row whose links each come into view with focus', async ({
  page,
}) => {
  await login(page, ACCOUNTS.admin);
  const [seed] = await query<{ id: number }>('SELECT id FROM articles WHERE slug = $1', [SEED.slug]);
  for (const path of [
    '/admin',
    '/admin/articles/new',
    `/admin/articles/${seed!.id}`,
    `/admin/articles/${seed!.id}/revisions`,
    '/admin/front-page',
    '/admin/import',
    '/admin/audit',
    '/admin/messages',
    '/admin/users',
    '/admin/settings',
  ]) {
    await page.goto(path);
    const menu = page.getByRole('navigation', { name: '編集部メニュー' });
    await expect(menu).toBeVisible();
    expect(await sidewaysOverflow(page), path).toBeLessThanOrEqual(0);
    expect(await rows(menu.getByRole('listitem')), `${path}: the menu's rows`).toBe(1);
    // The header (the site's name, the account, the menu) leaves the screen to the page.
    expect((await page.locator('body > header').boundingBox())!.height, path).toBeLessThanOrEqual(100);
  }
  const links = page.getByRole('navigation', { name: '編集部メニュー' }).getByRole('link');
  expect(await links.count()).toBeGreaterThanOrEqual(12);
  for (const link of await links.all()) {
    await link.focus();
    const box = (await link.boundingBox())!;
    const name = (await link.textContent()) ?? '';
    // Whole pixels: a link's box may end a fraction of a pixel past the edge it is scrolled to.
    expect(Math.round(box.x), name).toBeGreaterThanOrEqual(0);
    expect(Math.round(box.x + box.width), name).toBeLessThanOrEqual(PHONE.width);
  }
  expect(await sidewaysOverflow(page)).toBeLessThanOrEqual(0);
});

/** The save bar's buttons are one row, inside the screen, and the bar no taller than `maxHeight`. */
async function expectCompactSaveBar(page: Page, maxHeight: number, label: string) {
  const bar = page.locator('.sticky-save-bar');
  const buttons = bar.getByRole('button');
  expect(await buttons.count(), label).toBeGreaterThanOrEqual(3);
  expect(await rows(buttons), `${label}: the save buttons' rows`).toBe(1);
  for (const button of await buttons.all()) {
    const box = (await button.boundingBox())!;
    expect(box.x + box.width, `${label}: ${await button.textContent()}`).toBeLessThanOrEqual(PHONE.width);
    // Still a comfortable target for a thumb (WCAG 2.5.8 asks for 24 px).
    expect(box.height, label).toBeGreaterThanOrEqual(32);
  }
  expect((await bar.boundingBox())!.height, label).toBeLessThanOrEqual(maxHeight);
  expect(await sidewaysOverflow(page), label).toBeLessThanOrEqual(0);
}

test('at 390 px the editor’s save bar is one row of buttons, and a field with focus is never under it', async ({
  page,
}) => {
  await login(page, ACCOUNTS.editor);
  await page.goto('/admin/articles/new');
  await expectCompactSaveBar(page, SAVE_BAR_MAX_PX, 'a new article');
  // The buttons keep their full names for screen readers and tests alike.
  await expect(page.getByRole('button', { name: '予約公開（日付・時刻に公開）' })).toBeVisible();
  await expect(page.getByRole('button', { name: '保存せずにプレビュー' })).toBeVisible();

  // Typing brings the autosave line: the bar stays small, and the field being typed in clear of it.
  const body = page.getByLabel('節 1 の本文');
  await page.getByLabel('タイトル').fill('E2E 電話で書く記事');
  await body.fill(Array.from({ length: 12 }, (_, index) => `${index + 1}行目の本文。`).join('\n'));
  await expect(page.getByTestId('autosave-status')).toContainText('自動保存', { timeout: 20_000 });
  await expectCompactSaveBar(page, SAVE_BAR_WITH_AUTOSAVE_MAX_PX, 'with the autosave line');
  for (const field of [page.getByLabel('タイトル'), body, page.getByLabel('節 1 の見出し')]) {
    await field.focus();
    const barTop = (await page.locator('.sticky-save-bar').boundingBox())!.y;
    const box = (await field.boundingBox())!;
    // The field's top (where its text starts) is on screen and above the bar.
    expect(box.y).toBeGreaterThanOrEqual(0);
    expect(box.y + Math.min(box.height, 48)).toBeLessThanOrEqual(barTop);
  }

  // A published article's buttons (更新を公開, 公開を取り消す, the preview) are one row too.
  const [seed] = await query<{ id: number }>('SELECT id FROM articles WHERE slug = $1', [SEED.slug]);
  await page.goto(`/admin/articles/${seed!.id}`);
  await expectCompactSaveBar(page, SAVE_BAR_MAX_PX, 'a published article');
  await expect(page.getByRole('button', { name: '公開を取り消す' })).toBeVisible();
});
