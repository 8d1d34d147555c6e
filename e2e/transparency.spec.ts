import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { createServer } from 'node:http';
import { parseFeed } from '@rowanmanning/feed-parser';
import { expect, test, type Page, readText } from './support/test';
import { login, query } from './support/admin';
import { ACCOUNTS, e2eDatabaseUrl, HEALTH_PORT, SEED } from './support/fixtures';

async function jsonLdArticle(page: Page): Promise<Record<string, unknown>> {
  const blocks = (await page.locator('script[type="application/ld+json"]').allTextContents()).map((text) =>
    JSON.parse(text),
  );
  return blocks.find((block) => String(block['@type']).endsWith('NewsArticle'));
}

async function editUrl(slug: string): Promise<string> {
  const [row] = await query<{ id: number }>('SELECT id FROM articles WHERE slug = $1', [slug]);
  return `/admin/articles/${row!.id}`;
}

test.describe('one disclosure record drives every label', () => {
  const cases = [
    {
      // Not demo content, so the feeds carry it (the seed is demo content, in no feed).
      slug: 'e2e-body-only',
      label: 'AI生成',
      meta: 'ai-generated',
      source: 'https://schema.org/TrainedAlgorithmicMediaDigitalSource',
      review: '人による確認の記録なし',
    },
    {
      slug: 'e2e-cited',
      label: 'AI支援',
      meta: 'ai-assisted',
      source: 'https://schema.org/CompositeWithTrainedAlgorithmicMediaDigitalSource',
      review: '確認 花子が確認（2025年11月2日）',
    },
    { slug: 'e2e-human', label: '記者執筆', meta: 'none', source: undefined, review: '人による確認の記録なし' },
  ];
  for (const { slug, label, meta, source, review } of cases) {
    test(`${slug}: banner, meta tag, header, structured data and feeds agree (${meta})`, async ({ page }) => {
      const response = await page.goto(`/articles/${slug}`);
      expect(response?.headers()['ai-disclosure']).toBe(meta);
      await expect(page.locator('meta[name="ai-disclosure"]')).toHaveAttribute('content', meta);
      await expect(page.getByTestId('disclosure-label')).toHaveText(`制作方法：${label}・${review}`);
      expect((await jsonLdArticle(page)).digitalSourceType).toBe(source);
      const rss = await readText(await page.request.get('/feed.xml'));
      const item = rss.split('<item>').find((chunk) => chunk.includes(`/articles/${slug}<`));
      expect(item).toContain(`<ai:disclosure>${meta === 'none' ? 'human' : meta}</ai:disclosure>`);
      expect(item).toContain(`（${label}）</dc:creator>`);
    });
  }

  test('listing cards carry the same label, and the disclaimer boilerplate is kept out of snippets', async ({
    page,
  }) => {
    await page.goto('/category/politics');
    await expect(page.locator('main article', { hasText: 'E2E 出典を番号で示す記事' })).toContainText('AI支援');
    await page.goto(`/search?q=${encodeURIComponent('番号で示す')}`);
    await expect(page.locator('ol[aria-label="検索結果"] > li', { hasText: 'E2E 出典を番号で示す記事' })).toContainText(
      'AI支援',
    );
    await page.goto('/');
    await expect(
      page.locator('section[aria-labelledby="category-politics"] li', { hasText: 'E2E 出典を番号で示す記事' }),
    ).toContainText('AI支援');
    await page.goto(`/articles/${SEED.slug}`);
    await expect(page.getByRole('note', { name: 'この記事の制作について' })).toHaveAttribute('data-nosnippet', '');
    await expect(page.locator('article footer [data-nosnippet]')).toHaveCount(1);
  });
});

test.describe('per-section sourcing', () => {
  test('numbered markers link to their sources and back again', async ({ page }) => {
    await page.goto('/articles/e2e-cited');
    const first = page
      .locator('section[aria-labelledby="section-1"]')
      .getByRole('link', { name: '出典1', exact: true });
    await expect(first).toHaveAttribute('href', '#source-1');
    await expect(
      page.locator('section[aria-labelledby="section-2"]').getByRole('link', { name: '出典2' }),
    ).toHaveAttribute('href', '#source-2');
    const back = page.locator('#source-2').getByRole('link', { name: /引用箇所へ戻る/ });
    await expect(back).toHaveCount(2);
    for (const href of await back.evaluateAll((links) => links.map((link) => link.getAttribute('href')))) {
      await expect(page.locator(href!)).toHaveCount(1);
    }
    await first.click();
    await expect(page).toHaveURL(/#source-1$/);
  });

  test('structured data lists every source as a citation and the cited ones as isBasedOn', async ({ page }) => {
    await page.goto('/articles/e2e-cited');
    const article = await jsonLdArticle(page);
    expect((article.citation as { url: string }[]).map((work) => work.url)).toEqual([
      'https://example.org/cited/1',
      'https://example.org/cited/2',
    ]);
    expect((article.isBasedOn as { url: string }[]).map((work) => work.url)).toEqual([
      'https://example.org/cited/1',
      'https://example.org/cited/2',
    ]);
  });

  test('the admin flags sections that cite no source', async ({ page }) => {
    await login(page, ACCOUNTS.editor);
    await page.goto(await editUrl('e2e-cited'));
    await expect(page.getByRole('region', { name: '確認が必要な点' })).toContainText(
      '節「出典のない節」は出典を示していません',
    );
    await expect(page.getByTestId('uncited-section')).toHaveCount(1);
    await page.getByLabel('節 3 の本文').fill('この節は資料に依拠する[1]。');
    await expect(page.getByTestId('uncited-section')).toHaveCount(0);
  });
});

test('an editor adds a correction: the 訂正 box, the history with its diff, dateModified, structured data, /corrections and its feed', async ({
  page,
}) => {
  await page.goto('/articles/e2e-cited');
  const before = String((await jsonLdArticle(page)).dateModified);
  await login(page, ACCOUNTS.editor);
  await page.goto(await editUrl('e2e-cited'));
  await page.getByLabel('誤っていた内容').fill('会談の日付を10月17日としていました');
  await page.getByLabel('訂正した内容').fill('正しくは10月18日です');
  await page.getByLabel('訂正前の文（任意）').fill('会談は10月17日に行われた。');
  await page.getByLabel('訂正後の文（任意）').fill('会談は10月18日に行われた。');
  await page.getByRole('button', { name: '訂正を記録する' }).click();
  await expect(page.getByRole('status')).toHaveText('訂正を追加しました');
  // A correction is a version of the article like any other write, with who made it.
  await page.goto(`${await editUrl('e2e-cited')}/revisions`);
  await expect(page.getByRole('row', { name: /訂正/ })).toContainText(ACCOUNTS.editor.name);

  await page.goto('/articles/e2e-cited');
  const notice = page.getByRole('complementary', { name: '訂正' });
  await expect(notice).toContainText('会談の日付を10月17日としていました。正しくは10月18日です。');
  const noticeBox = await notice.boundingBox();
  const firstSection = await page.locator('#section-1').boundingBox();
  expect(noticeBox!.y).toBeLessThan(firstSection!.y);
  const diff = page.getByTestId('correction-diff');
  await expect(diff.locator('del')).toHaveText('17');
  await expect(diff.locator('ins')).toHaveText('18');
  await expect(diff).toHaveText('会談は10月1718日に行われた。');
  const article = await jsonLdArticle(page);
  expect(String(article.dateModified) > before).toBe(true);
  expect(article.correction).toEqual([
    expect.objectContaining({ '@type': 'CorrectionComment', text: expect.stringContaining('正しくは10月18日です') }),
  ]);

  await page.goto('/corrections');
  await expect(page.getByRole('link', { name: 'E2E 出典を番号で示す記事' })).toHaveAttribute(
    'href',
    '/articles/e2e-cited',
  );
  const feed = parseFeed(await readText(await page.request.get('/corrections/feed.xml')));
  expect(feed.items[0]?.title).toBe('訂正：E2E 出典を番号で示す記事');
});

test('the generation record shows in この記事について and is kept in revisions', async ({ page }) => {
  await page.goto('/articles/e2e-generation');
  const panel = page.getByRole('region', { name: 'この記事について' });
  await expect(panel).toContainText('生成モデルkiji-writer 2025-10');
  await expect(panel).toContainText('指示テンプレートの版news-v3');
  await expect(panel).toContainText('資料の取得日時2025年11月1日 8時30分');
  await expect(panel).toContainText('人による確認確認 花子');

  await login(page, ACCOUNTS.editor);
  await page.goto(await editUrl('e2e-generation'));
  await expect(page.getByLabel('生成モデル')).toHaveValue('kiji-writer');
  for (const version of ['news-v4', 'news-v5']) {
    await page.getByLabel('指示テンプレートの版').fill(version);
    await page.getByRole('button', { name: '更新を公開' }).click();
    await expect(page.getByLabel('指示テンプレートの版')).toHaveValue(version);
    await expect(page.getByRole('status')).toHaveText('公開しました');
  }
  await page.getByRole('link', { name: '変更履歴' }).click();
  const diff = page.getByRole('region', { name: /差分/ });
  await expect(diff).toContainText('- 指示テンプレートの版: news-v4');
  await expect(diff).toContainText('+ 指示テンプレートの版: news-v5');
  await expect(diff).toContainText('生成モデル: kiji-writer');
});

test('npm run sources:check records broken sources, and the admin lists them', async ({ page }) => {
  test.setTimeout(60_000);
  const server = createServer((request, response) => response.writeHead(request.url === '/ok' ? 200 : 404).end());
  await new Promise<void>((resolve) => server.listen(HEALTH_PORT, '127.0.0.1', resolve));
  try {
    // Asynchronously: the local server lives in this process and must keep answering.
    const run = await promisify(execFile)(
      process.execPath,
      [
        '--conditions=react-server',
        '--import',
        'tsx',
        'scripts/sources-check.ts',
        '--article',
        'e2e-source-health',
        '--timeout',
        '3000',
      ],
      { env: { ...process.env, DATABASE_URL: e2eDatabaseUrl() }, encoding: 'utf8' },
    );
    expect(run.stdout).toContain('Checked 2 source URLs: 1 broken.');
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
  await login(page, ACCOUNTS.editor);
  await page.goto(await editUrl('e2e-source-health'));
  await expect(page.getByTestId('source-problem')).toHaveText(['出典2「消えた資料」：リンク切れ（HTTP 404）']);
});

test('an admin edits the AI policy, and /about/ai shows it at once', async ({ page }) => {
  await page.request.get('/about/ai');
  await login(page, ACCOUNTS.admin);
  await page.goto('/admin/settings');
  await page
    .getByLabel('AI利用方針（/about/ai）')
    .fill('方針の第一段落です。\n\n## 新しい見出し\n\n<script>alert(1)</script> は文字として表示されます。');
  await page.getByRole('button', { name: 'AI利用方針を保存して公開' }).click();
  await expect(page.getByRole('status')).toHaveText('AI利用方針を更新しました');
  await page.goto('/about/ai');
  await expect(page.getByRole('heading', { level: 2, name: '新しい見出し' })).toBeVisible();
  await expect(page.locator('main')).toContainText('<script>alert(1)</script> は文字として表示されます。');
  expect(await page.locator('main script').count()).toBe(0);
});
