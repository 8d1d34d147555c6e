import { ACCOUNTS } from './support/fixtures';
import { login } from './support/admin';
import { expect, test } from './support/test';

/**
 * The dashboard prefetches a page when the editor reaches for its link (pointer over it, or focus),
 * never because it is on screen: one load of the article list used to render every listed
 * article's edit page and every menu page on the server (components/admin/AdminLink.client.tsx).
 */
test('opening the article list prefetches nothing, and pointing at an article prefetches that one', async ({
  page,
}) => {
  await login(page, ACCOUNTS.editor);
  const prefetched: string[] = [];
  page.on('request', (request) => {
    const headers = request.headers();
    const url = new URL(request.url());
    if (url.pathname.startsWith('/admin') && (headers['next-router-prefetch'] || url.searchParams.has('_rsc'))) {
      prefetched.push(url.pathname);
    }
  });
  await page.goto('/admin');
  const links = page.locator('main a[href^="/admin/articles/"]');
  await expect(links.first()).toBeVisible();
  expect(await links.count()).toBeGreaterThan(3);
  // Everything the page asks for by itself, done: no prefetch among it.
  await page.waitForLoadState('networkidle');
  expect(prefetched).toEqual([]);

  const first = await links.first().getAttribute('href');
  await links.first().hover();
  await expect.poll(() => prefetched).toContain(first);
  expect(new Set(prefetched).size).toBe(1);
});
