import { expect, test, readText } from './support/test';
import { callAction, confirmPublish, login, query } from './support/admin';
import { ACCOUNTS } from './support/fixtures';

const CORPUS = [
  '<script>alert("script")</script>',
  '<img src=x onerror=alert("img")>',
  '<svg onload=alert("svg")>',
  '<iframe srcdoc="<script>alert(\'srcdoc\')</script>">',
  '<a href="javascript:alert(\'link\')">link</a>',
  '</script><script>alert("breakout")</script>',
  '"><body onload=alert("attr")>',
];

test('an XSS corpus saved through the admin renders inert everywhere', async ({ page }) => {
  const dialogs: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  await login(page, ACCOUNTS.editor);
  await page.goto('/admin/articles/new');
  await page.getByLabel('タイトル').fill(`E2E XSS ${CORPUS[0]}`);
  await page.getByLabel('スラッグ（URL）').fill('e2e-admin-xss');
  await page.getByLabel('タグ').fill(CORPUS[1]!);
  await page.getByLabel('場所').fill(CORPUS[6]!);
  await page.getByLabel('リード', { exact: true }).fill(CORPUS.join(' '));
  await page.getByLabel('節 1 の見出し').fill(CORPUS[2]!);
  await page.getByLabel('節 1 の本文').fill(CORPUS.join('\n\n'));
  await page.getByRole('button', { name: '出典を追加' }).click();
  await page.getByLabel('出典 1 の題名').fill(CORPUS[3]!);
  await page.getByLabel('出典 1 の URL').fill("javascript:alert('source')");
  await page.getByRole('button', { name: '今すぐ公開' }).click();
  await expect(page.locator('#field-sources-0-url-error')).toContainText('http');
  await page.getByLabel('出典 1 の URL').fill('data:text/html,<script>alert(1)</script>');
  await page.getByRole('button', { name: '今すぐ公開' }).click();
  await expect(page.locator('#field-sources-0-url-error')).toContainText('http');
  await page.getByLabel('出典 1 の URL').fill('https://example.org/xss');
  await page.getByRole('button', { name: '今すぐ公開' }).click();
  await confirmPublish(page);
  await expect(page.getByRole('status')).toHaveText('公開しました');

  for (const path of [
    '/articles/e2e-admin-xss',
    '/',
    '/search?q=' + encodeURIComponent('E2E XSS'),
    '/admin',
    '/admin/articles/new',
  ]) {
    await page.goto(path);
    const unsafe = await page.evaluate(() => {
      const elements = [...document.querySelectorAll('main *')];
      return {
        handlers: elements.filter((element) =>
          [...element.attributes].some((attribute) => attribute.name.startsWith('on')),
        ).length,
        // Pictures Kiji made from an editor's upload (lib/media) are the only images allowed.
        scripts: document.querySelectorAll(
          'main script:not([type="application/ld+json"]), main iframe, main svg, main img:not([src^="/media/images/"])',
        ).length,
        javascriptLinks: [...document.querySelectorAll('a[href]')].filter((a) =>
          /^\s*(javascript|data):/i.test(a.getAttribute('href')!),
        ).length,
      };
    });
    expect(unsafe, path).toEqual({ handlers: 0, scripts: 0, javascriptLinks: 0 });
  }
  await page.goto('/articles/e2e-admin-xss');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`E2E XSS ${CORPUS[0]}`);
  const feeds = [
    await readText(await page.request.get('/feed.xml')),
    await readText(await page.request.get('/atom.xml')),
  ];
  for (const feed of feeds) expect(feed).not.toContain('<script>alert("script")</script>');
  expect(dialogs).toEqual([]);
});

test('a pasted article whose title is markup is read with that title as plain text, not refused', async ({ page }) => {
  const title = '<script>alert(1)</script>見出し</title><img src=x onerror=alert(2)>';
  await login(page, ACCOUNTS.editor);
  await page.goto('/admin/import');
  await page.getByLabel('記事の文章を貼り付け').fill(`${title}\n\nリードの文である。\n\n見出し\n\n本文である。`);
  await page.getByRole('button', { name: '読み取る' }).click();
  const result = page.getByRole('region', { name: '読み取り結果' });
  await expect(result.getByRole('definition').first()).toHaveText(title);
  await expect(page.locator('main')).not.toContainText('タイトルがありません');
});

test('a 10 MB import is refused cleanly, in the browser and on the server', async ({ page }) => {
  await login(page, ACCOUNTS.editor);
  await page.goto('/admin/import');
  await page.getByLabel('またはファイルを選ぶ（.txt / .md / .json、2 MB まで）').setInputFiles({
    name: 'huge.txt',
    mimeType: 'text/plain',
    buffer: Buffer.alloc(10 * 1024 * 1024, 'あ'),
  });
  await expect(page.locator('main').getByRole('alert')).toContainText('ファイルが大きすぎます');
  await expect(page.getByRole('button', { name: '読み取る' })).toBeDisabled();
  await page.getByLabel('またはファイルを選ぶ（.txt / .md / .json、2 MB まで）').setInputFiles([]);
  await page.getByLabel('記事の文章を貼り付け').fill('題名\n\n' + 'あ'.repeat(1024 * 1024));
  await expect(page.locator('main').getByRole('alert')).toContainText('長すぎます');
  await expect(page.getByRole('button', { name: '読み取る' })).toBeDisabled();
  // The server refuses on its own too, whatever the browser does. (Other tests run alongside and
  // write articles, so this looks for the refused text's own title rather than counting.)
  const marker = `巨大な取り込み ${Date.now().toString(36)}`;
  const response = await callAction(
    page.request,
    'parseImportAction',
    { text: `${marker}\n\n${'a'.repeat(10 * 1024 * 1024)}` },
    { arity: 2, path: '/admin/import' },
  );
  expect(response.status()).toBeGreaterThanOrEqual(400);
  expect(await query<{ n: number }>('SELECT count(*)::int AS n FROM articles WHERE title = $1', [marker])).toEqual([
    { n: 0 },
  ]);
});
