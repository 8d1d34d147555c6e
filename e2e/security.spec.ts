import { expect, test, readText } from './support/test';
import { login } from './support/admin';
import { ACCOUNTS, SEED } from './support/fixtures';

const BASE_HEADERS = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'strict-origin-when-cross-origin',
  'x-frame-options': 'DENY',
};

test('every response carries the security headers: pages, 404s, feeds and admin alike', async ({ request }) => {
  for (const path of [
    '/',
    `/articles/${SEED.slug}`,
    '/articles/no-such-article',
    '/feed.xml',
    '/search?q=停戦',
    '/admin/login',
    '/nothing-here',
  ]) {
    const response = await request.get(path, { maxRedirects: 0 });
    const headers = response.headers();
    expect(headers, path).toMatchObject(BASE_HEADERS);
    expect(headers['permissions-policy'], path).toContain('camera=()');
    expect(headers['strict-transport-security'], path).toContain('max-age=');
    expect(headers['x-powered-by'], path).toBeUndefined();
    const csp = headers['content-security-policy'] ?? '';
    expect(csp, path).toContain("frame-ancestors 'none'");
    expect(csp, path).toContain("object-src 'none'");
  }
});

test('admin pages get a nonce-based policy, a new nonce each time', async ({ page }) => {
  const first = (await page.request.get('/admin/login')).headers()['content-security-policy'];
  const second = (await page.request.get('/admin/login')).headers()['content-security-policy'];
  expect(first).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]{20,}' 'strict-dynamic'/);
  expect(first).not.toContain("'unsafe-inline' 'unsafe-eval'");
  expect(first).not.toBe(second);
  await login(page, ACCOUNTS.editor);
  await page.goto('/admin/articles/new');
  const nonce = /'nonce-([^']+)'/.exec(
    (await page.request.get('/admin')).headers()['content-security-policy'] ?? '',
  )?.[1];
  expect(nonce).toBeTruthy();
});

test('public pages are cacheable by a shared cache; admin pages never are', async ({ request }) => {
  for (const path of ['/', `/articles/${SEED.slug}`, '/category/world', '/feed.xml', '/sitemap.xml']) {
    expect((await request.get(path)).headers()['cache-control'], path).toBe(
      'public, s-maxage=1, stale-while-revalidate=59',
    );
  }
  expect((await request.get('/admin/login')).headers()['cache-control']).toBe('private, no-store');
});

const HOSTILE = [
  "'",
  '"',
  "' OR '1'='1",
  '%00',
  '%E0%A4%A',
  '%',
  '..%2F..%2Fetc%2Fpasswd',
  '../../etc/passwd',
  '%EF%BF%BF',
  '\u202e\u0000',
  '🙂',
  '<script>alert(1)</script>',
  'a'.repeat(5000),
];

test('hostile values in every public route get a 4xx or a normal page, never a 500 or a stack trace', async ({
  request,
}) => {
  test.setTimeout(120_000);
  const failures: string[] = [];
  for (const value of HOSTILE) {
    const raw = /^%|%[0-9A-F]{2}/.test(value) ? value : encodeURIComponent(value);
    const paths = [
      `/articles/${raw}`,
      `/media/articles/${raw}/1.png`,
      `/media/articles/${SEED.slug}/${raw}`,
      `/category/${raw}`,
      `/category/world?page=${raw}`,
      `/tag/${raw}`,
      `/tag/${raw}?page=2`,
      `/archive/${raw}/10`,
      `/archive/2025/${raw}`,
      `/search?q=${raw}`,
      `/search?q=停戦&page=${raw}`,
      `/category/${raw}/feed.xml`,
      `/sitemaps/${raw}`,
      `/${raw}`,
    ];
    for (const path of paths) {
      const response = await request.get(path, { maxRedirects: 0 });
      const body = await readText(response);
      if (response.status() >= 500 || /at [\w.<>]+ \(|node_modules|Error:/.test(body))
        failures.push(`${response.status()} ${path.slice(0, 80)}`);
    }
  }
  expect(failures).toEqual([]);
});
