import { expect, test, readText } from './support/test';
import { confirmPublish, login, query } from './support/admin';
import { ACCOUNTS } from './support/fixtures';

test('a closed tab loses nothing: the form was copied to the server, and is offered back without touching the article', async ({
  browser,
}) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await login(page, ACCOUNTS.second);
  // A published article, to show the copy never reaches readers.
  await page.goto('/admin/articles/new');
  await page.getByLabel('タイトル').fill('E2E 自動保存の記事');
  await page.getByLabel('スラッグ（URL）').fill('e2e-autosave');
  await page.getByLabel('リード', { exact: true }).fill('公開したリード。');
  await page.getByLabel('節 1 の見出し').fill('見出し');
  await page.getByLabel('節 1 の本文').fill('本文。');
  await page.getByLabel('出典がない理由').fill('試験の記事で、出典はないため');
  await page.getByRole('button', { name: '今すぐ公開' }).click();
  await confirmPublish(page);
  await expect(page.getByRole('status')).toHaveText('公開しました');
  const editUrl = page.url().replace(/\?.*$/, '');

  await page.getByLabel('タイトル').fill('E2E 自動保存の記事（書きかけ）');
  await page.getByLabel('節 1 の本文').fill('一段落目。\n\n書きかけの二段落目。');
  await expect(page.getByTestId('autosave-status')).toContainText('自動保存');
  // The tab is closed without saving (no beforeunload handling: as a crash would).
  await page.close();

  const [stored] = await query<{ title: string }>("SELECT title FROM articles WHERE slug = 'e2e-autosave'");
  expect(stored!.title).toBe('E2E 自動保存の記事');
  expect(await readText(await context.request.get('/articles/e2e-autosave'))).not.toContain('書きかけ');

  const again = await context.newPage();
  await again.goto(editUrl);
  const offer = again.getByTestId('autosave-offer');
  await expect(offer).toContainText('保存していない編集が残っています');
  await expect(again.getByLabel('タイトル')).toHaveValue('E2E 自動保存の記事');
  await offer.getByRole('button', { name: '残っている編集を復元する' }).click();
  await expect(again.getByLabel('タイトル')).toHaveValue('E2E 自動保存の記事（書きかけ）');
  await expect(again.getByLabel('節 1 の本文')).toHaveValue('一段落目。\n\n書きかけの二段落目。');
  await again.getByRole('button', { name: '更新を公開' }).click();
  await expect(again.getByRole('status')).toHaveText('公開しました');
  // Saved: the copy is gone, and nothing is offered any more.
  await again.reload();
  await expect(again.getByTestId('autosave-offer')).toHaveCount(0);
  expect(
    await query("SELECT 1 FROM article_autosaves WHERE key LIKE 'article:%' AND values->>'slug' = 'e2e-autosave'"),
  ).toHaveLength(0);
  await context.close();
});

test('two editors on one article each see that the other has it open, and since when', async ({ browser }) => {
  const first = await (await browser.newContext()).newPage();
  const second = await (await browser.newContext()).newPage();
  await login(first, ACCOUNTS.editor);
  await login(second, ACCOUNTS.second);
  const [row] = await query<{ id: number }>("SELECT id FROM articles WHERE slug = 'demo-minimum-wage-regional-gap'");
  const id = row!.id;
  await first.goto(`/admin/articles/${id}`);
  await expect(first.getByLabel('タイトル')).not.toHaveValue('');
  await second.goto(`/admin/articles/${id}`);
  await expect(second.getByTestId('presence')).toContainText(`${ACCOUNTS.editor.name}さんが`);
  await expect(second.getByTestId('presence')).toContainText(/\d{2}:\d{2}から/);
  await first.reload();
  await expect(first.getByTestId('presence')).toContainText(`${ACCOUNTS.second.name}さんが`);
  // Leaving the form tells the other at their next look.
  await second.goto('/admin');
  await expect
    .poll(async () => {
      await first.reload();
      await expect(first.getByLabel('タイトル')).not.toHaveValue('');
      return first.getByTestId('presence').count();
    })
    .toBe(0);
  await first.close();
  await second.close();
});

test('autosave and presence refuse a request without the editor header or a session', async ({ request, page }) => {
  const body = { key: 'new', baseVersion: null, values: { title: 'x', sections: [], sources: [] } };
  expect(
    (
      await request.post('/admin/autosave', { data: body, headers: { 'x-kiji-editor': '1' }, maxRedirects: 0 })
    ).status(),
  ).not.toBe(200);
  await login(page, ACCOUNTS.second);
  expect((await page.request.post('/admin/autosave', { data: body })).status()).toBe(400);
  expect((await page.request.post('/admin/presence', { data: { articleId: 1 } })).status()).toBe(400);
  expect((await page.request.post('/admin/autosave', { data: body, headers: { 'x-kiji-editor': '1' } })).status()).toBe(
    200,
  );
});

test('an article another editor unpublished is not put back online from a stale form: the conflict names the unpublish, and publishing again asks, naming who and when', async ({
  browser,
}) => {
  const slug = 'e2e-unpublished-by-other';
  const aContext = await browser.newContext();
  const bContext = await browser.newContext();
  const a = await aContext.newPage();
  const b = await bContext.newPage();
  await login(a, ACCOUNTS.editor);
  await login(b, ACCOUNTS.second);
  await a.goto('/admin/articles/new');
  await a.getByLabel('タイトル').fill('E2E 取り下げられた記事');
  await a.getByLabel('スラッグ（URL）').fill(slug);
  await a.getByLabel('リード', { exact: true }).fill('公開したリード。');
  await a.getByLabel('節 1 の見出し').fill('見出し');
  await a.getByLabel('節 1 の本文').fill('本文。');
  await a.getByLabel('出典がない理由').fill('試験の記事で、出典はないため');
  await a.getByRole('button', { name: '今すぐ公開' }).click();
  await confirmPublish(a);
  await expect(a.getByRole('status')).toHaveText('公開しました');
  const editUrl = a.url().replace(/\?.*$/, '');

  // B has the published article open; A takes it down.
  await b.goto(editUrl);
  await expect(b.getByTestId('article-status')).toHaveText('公開中');
  await a.getByRole('button', { name: '公開を取り消す' }).click();
  await a
    .getByRole('dialog', { name: '公開を取り消しますか？' })
    .getByRole('button', { name: '公開を取り消す' })
    .click();
  await expect(a.getByRole('status')).toContainText('公開を取り消しました');
  expect((await bContext.request.get(`/articles/${slug}`)).status()).toBe(404);

  // B edits and presses 更新を公開: refused, and told who took it down and when.
  await b.getByLabel('リード', { exact: true }).fill('Bが書き直したリード。');
  await b.getByRole('button', { name: '更新を公開' }).click();
  const summary = b.getByTestId('error-summary');
  await expect(summary).toContainText(`${ACCOUNTS.editor.name}さんが`);
  await expect(summary).toContainText(/\d+月\d+日 \d+:\d{2}にこの記事の公開を取り消しました/);
  const resolver = b.getByRole('region', { name: /と、あなたの編集を合わせる/ });
  await expect(resolver.getByTestId('conflict-state')).toContainText('公開を取り消しました');
  await expect(resolver.getByTestId('conflict-state')).toContainText('いまの状態は「下書き（公開されていません）」');
  expect((await bContext.request.get(`/articles/${slug}`)).status()).toBe(404);

  // Taking in A's version: the label and the buttons say what the article is now.
  await resolver.getByRole('button', { name: /フォームに反映する/ }).click();
  await expect(b.getByTestId('article-status')).toHaveText('下書き');
  await expect(b.getByRole('button', { name: '更新を公開' })).toHaveCount(0);
  await expect(b.getByLabel('リード', { exact: true })).toHaveValue('Bが書き直したリード。');

  // Publishing again asks, naming who and when; nothing goes out until B says so.
  await b.getByRole('button', { name: '今すぐ公開' }).click();
  const dialog = b.getByTestId('publish-checklist');
  const warning = dialog.getByTestId('republish-warning');
  await expect(warning).toContainText(`${ACCOUNTS.editor.name}さんが`);
  await expect(warning).toContainText(/\d+月\d+日 \d+:\d{2}にこの記事の公開を取り消しました/);
  const publish = dialog.getByRole('button', { name: '公開する', exact: true });
  await expect(publish).toBeDisabled();
  await dialog.getByRole('button', { name: 'やめる' }).click();
  await expect(dialog).toBeHidden();
  expect((await bContext.request.get(`/articles/${slug}`)).status()).toBe(404);

  await b.getByRole('button', { name: '今すぐ公開' }).click();
  await warning.getByRole('checkbox').check();
  await publish.click();
  await expect(b.getByRole('status')).toHaveText('公開しました');
  expect((await bContext.request.get(`/articles/${slug}`)).status()).toBe(200);
  await aContext.close();
  await bContext.close();
});

test('continuous typing is copied to the server at least every 10 seconds, without waiting for a pause', async ({
  page,
}) => {
  await login(page, ACCOUNTS.second);
  await page.clock.install();
  await page.goto('/admin/articles/new');
  await expect(page.getByLabel('タイトル')).toBeVisible();
  // The page's clock stands still from here: only runFor moves it, so a copy can come from the
  // rule under test alone, never from a pause in real time.
  await page.clock.pauseAt(new Date(Date.now() + 5_000));
  const copies: string[] = [];
  page.on('request', (request) => {
    if (request.method() === 'POST' && new URL(request.url()).pathname === '/admin/autosave')
      copies.push(request.url());
  });
  const title = page.getByLabel('タイトル');
  await title.focus();
  // A key a second for 11 seconds: typing never rests the 2 seconds the debounce waits for.
  for (let second = 0; second < 11; second += 1) {
    await page.keyboard.type('字');
    await page.clock.runFor(1_000);
  }
  await expect(title).toHaveValue('字'.repeat(11));
  await expect.poll(() => copies.length).toBeGreaterThan(0);
});

test('an editor who opens the article is shown to the one already there within 5 seconds, without a reload', async ({
  browser,
}) => {
  const firstContext = await browser.newContext();
  const secondContext = await browser.newContext();
  const first = await firstContext.newPage();
  const second = await secondContext.newPage();
  await login(first, ACCOUNTS.editor);
  await login(second, ACCOUNTS.second);
  const [row] = await query<{ id: number }>("SELECT id FROM articles WHERE slug = 'demo-minimum-wage-regional-gap'");
  await first.clock.install();
  await first.goto(`/admin/articles/${row!.id}`);
  await expect(first.getByLabel('タイトル')).not.toHaveValue('');
  // The first page's clock stands still from here: only runFor moves its heartbeat.
  await first.clock.pauseAt(new Date(Date.now() + 5_000));
  await second.goto(`/admin/articles/${row!.id}`);
  // The second editor's first heartbeat has arrived: it already lists the first.
  await expect(second.getByTestId('presence')).toContainText(`${ACCOUNTS.editor.name}さんが`);
  await first.clock.runFor(5_000);
  await expect(first.getByTestId('presence')).toContainText(`${ACCOUNTS.second.name}さんが`);
  await firstContext.close();
  await secondContext.close();
});
