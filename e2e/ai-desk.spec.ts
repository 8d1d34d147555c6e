import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { startReceiver, submitFile, waitForState, type ReceivedEvent } from '../examples/desk-client';
import { confirmPublish, login } from './support/admin';
import { ACCOUNTS } from './support/fixtures';
import { expect, test, type Page } from './support/test';

/**
 * The AI desk (issue #24, docs/decisions/0030) in a real browser and a real HTTP client: an admin
 * creates a key in the dashboard; a pipeline submits; an editor finds the submission in the queue at
 * 390 px with the keyboard, requests a change (the pipeline reads the note), the pipeline resubmits,
 * the editor approves and publishes; the pipeline sees the public URL; a revoked key gets 401.
 */

const run = promisify(execFile);

const article = (title: string) => ({
  title,
  lead: 'AI デスクの試験として、公開資料から組み立てた記事のリード文である。',
  disclosure: 'ai-generated',
  sections: [{ heading: '経緯', paragraphs: ['公開資料によれば、試験の経緯はこうである。参加者は120人だった。[1]'] }],
  sources: [{ title: '内閣府 発表資料', url: 'https://www.cao.go.jp/' }],
  category: 'society',
  slug: 'e2e-ai-desk',
  source: 'e2e-pipeline',
  externalId: 'desk-1',
  generation: { model: 'kiji-writer', provider: 'Example AI', pipelineVersion: 'e2e' },
});

async function createKey(page: Page, name: string): Promise<string> {
  await page.goto('/admin/keys');
  await page.getByLabel('名前（どの連携か）').fill(name);
  await page.getByRole('checkbox', { name: /submissions:write/ }).check();
  await page.getByRole('checkbox', { name: /submissions:read/ }).check();
  await page.getByRole('button', { name: '連携キーを作成' }).click();
  const key = await page.getByLabel('連携キー', { exact: true }).inputValue();
  expect(key).toMatch(/^kiji_[a-z0-9]{8}_/);
  return key;
}

test('a pipeline submits, an editor requests a change in the queue by keyboard at 390 px, then approves and publishes', async ({
  browser,
  request,
}) => {
  const adminPage = await browser.newPage();
  await login(adminPage, ACCOUNTS.admin);
  const key = await createKey(adminPage, 'E2E パイプライン');
  const auth = { Authorization: `Bearer ${key}` };

  const first = await request.post('/api/v1/submissions', {
    headers: { ...auth, 'Content-Type': 'application/json', 'Idempotency-Key': 'e2e-desk-1' },
    data: JSON.stringify(article('E2E AI デスクの入稿')),
  });
  expect(first.status()).toBe(202);
  const location = first.headers().location!;
  expect(location).toMatch(/^\/api\/v1\/submissions\//);
  const replay = await request.post('/api/v1/submissions', {
    headers: { ...auth, 'Content-Type': 'application/json', 'Idempotency-Key': 'e2e-desk-1' },
    data: JSON.stringify(article('E2E AI デスクの入稿')),
  });
  expect(replay.status()).toBe(202);
  expect(await replay.json()).toEqual(await first.json());

  const editor = await browser.newPage({ viewport: { width: 390, height: 844 } });
  await login(editor, ACCOUNTS.editor);
  await editor.goto('/admin/review');
  const item = editor.getByRole('article', { name: 'E2E AI デスクの入稿' });
  await expect(item).toBeVisible();
  // Each section lists its figures and what the check of its sources found (issue #25), a click away.
  await item.locator('summary', { hasText: '出典との照合' }).click();
  await expect(item.getByRole('list', { name: '経緯の照合結果' })).toContainText('120人');
  expect(await editor.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await item.getByLabel(/パイプラインへのメモ/).focus();
  await editor.keyboard.type('見出しをもっと具体的にしてください');
  await editor.keyboard.press('Tab');
  await editor.keyboard.press('Tab');
  await expect(item.getByRole('button', { name: '修正を依頼する' })).toBeFocused();
  await editor.keyboard.press('Enter');
  await expect(editor.getByRole('status')).toHaveText('修正を依頼しました');

  const asked = await (await request.get(location, { headers: auth })).json();
  expect(asked.state).toBe('changes_requested');
  expect(asked.notes[0].note).toBe('見出しをもっと具体的にしてください');

  const second = await request.post('/api/v1/submissions', {
    headers: { ...auth, 'Content-Type': 'application/json' },
    data: JSON.stringify(article('E2E AI デスクの入稿、見出しを具体的に')),
  });
  expect(second.status()).toBe(202);
  expect((await second.json()).revision).toBe(2);

  await editor.goto('/admin/review');
  const revised = editor.getByRole('article', { name: 'E2E AI デスクの入稿、見出しを具体的に' });
  await revised.getByRole('button', { name: '承認する' }).click();
  await expect(editor.getByRole('status')).toHaveText('承認しました。記事を開いて公開してください');
  await editor
    .getByRole('article', { name: 'E2E AI デスクの入稿、見出しを具体的に' })
    .getByRole('button', { name: '記事を開いて直す・公開する' })
    .click();
  await editor.getByLabel('タイトル').fill('AI デスクの入稿、見出しを具体的に（編集部）');
  await editor.getByRole('button', { name: '今すぐ公開' }).click();
  // The one pre-publish checklist (decision 0024) asks before anything goes out.
  await confirmPublish(editor);
  await expect(editor.getByRole('status')).toHaveText('公開しました');

  const published = await (await request.get(location, { headers: auth })).json();
  expect(published.state).toBe('published');
  expect(published.url).toMatch(/\/articles\/e2e-ai-desk$/);
  expect(JSON.stringify(published.editorChanges)).toContain('（編集部）');

  await adminPage.goto('/admin/keys');
  await adminPage.getByRole('button', { name: '「E2E パイプライン」を無効にする' }).click();
  await expect(adminPage.getByText('無効化済み')).toBeVisible();
  const revoked = await request.get(location, { headers: auth });
  expect(revoked.status()).toBe(401);
  expect(revoked.headers()['content-type']).toMatch(/^application\/problem\+json/);
});

test('the example client submits the seed as plain text and as JSON, follows it to publication and a correction, hears both signed webhooks, and reads it back with 304', async ({
  browser,
  request,
  baseURL,
}) => {
  const events: ReceivedEvent[] = [];
  let secret = '';
  const receiver = await startReceiver(
    () => secret,
    (event) => events.push(event),
  );
  try {
    const admin = await browser.newPage();
    await login(admin, ACCOUNTS.admin);
    await admin.goto('/admin/keys');
    await admin.getByLabel('名前（どの連携か）').fill('E2E 見本のクライアント');
    for (const scope of ['submissions:write', 'submissions:read', 'articles:read']) {
      await admin.getByRole('checkbox', { name: new RegExp(scope) }).check();
    }
    await admin.getByRole('button', { name: '連携キーを作成' }).click();
    const key = await admin.getByLabel('連携キー', { exact: true }).inputValue();

    // An admin registers the receiver; the secret is shown once.
    await admin.goto('/admin/integrations');
    await admin.getByLabel('送り先の URL').fill(receiver.url);
    await admin.getByRole('button', { name: 'Webhook を登録' }).click();
    secret = await admin.getByLabel('署名の秘密鍵', { exact: true }).inputValue();
    expect(secret).toMatch(/^whsec_/);

    // The example client's command line, as a pipeline would run it: the seed as plain text, twice with one Idempotency-Key.
    const cli = async (...args: string[]) => {
      const { stdout } = await run(process.execPath, ['--import', 'tsx', 'examples/desk-client.ts', ...args], {
        env: { ...process.env, KIJI_URL: baseURL!, KIJI_KEY: key },
        timeout: 60_000,
      });
      return JSON.parse(stdout) as { status: number; id: string; location: string; revision: number };
    };
    const submitText = [
      'submit',
      'prisma/seed/articles/000_860667d7943f974c.txt',
      '--source',
      'e2e-example',
      '--external-id',
      'seed-text',
      '--slug',
      'e2e-example-text',
      '--model',
      'kiji-writer',
      '--provider',
      'Example AI',
      '--pipeline-version',
      'e2e-1',
      '--no-sources-reason',
      '元の記事に出典の記載がないため',
    ];
    const text = await cli(...submitText, '--idempotency-key', 'e2e-example-1');
    expect(text).toMatchObject({ status: 202, state: 'received', revision: 1 });
    const replayed = await cli(...submitText, '--idempotency-key', 'e2e-example-1');
    expect(replayed).toEqual(text);

    // The same seed as JSON, through the client as a library.
    const client = { baseUrl: baseURL!, key };
    const json = await submitFile(client, 'examples/seed-article.json', {
      source: 'e2e-example',
      externalId: 'seed-json',
      slug: 'e2e-example-json',
      generation: { model: 'kiji-writer', provider: 'Example AI', pipelineVersion: 'e2e-1' },
      noSourcesReason: '元の記事に出典の記載がないため',
    });
    expect(json.status).toBe(202);

    // An editor asks for a change; the client sees the note, and sends again.
    const editor = await browser.newPage();
    await login(editor, ACCOUNTS.editor);
    await editor.goto('/admin/review');
    const item = editor.getByRole('article').filter({ hasText: 'e2e-example / seed-text' });
    await item.getByLabel(/パイプラインへのメモ/).fill('出典の理由をもう少し具体的に');
    await item.getByRole('button', { name: '修正を依頼する' }).click();
    await expect(editor.getByRole('status')).toHaveText('修正を依頼しました');
    const asked = await waitForState(client, text.id, ['changes_requested'], { timeoutMs: 10_000 });
    expect((asked.notes as { note: string }[])[0]!.note).toBe('出典の理由をもう少し具体的に');
    const again = await cli(...submitText);
    expect(again).toMatchObject({ status: 202, id: text.id, revision: 2 });

    await editor.goto('/admin/review');
    await editor
      .getByRole('article')
      .filter({ hasText: 'e2e-example / seed-text' })
      .getByRole('button', { name: '承認する' })
      .click();
    await expect(editor.getByRole('status')).toHaveText('承認しました。記事を開いて公開してください');
    await editor
      .getByRole('article')
      .filter({ hasText: 'e2e-example / seed-text' })
      .getByRole('button', { name: '記事を開いて直す・公開する' })
      .click();
    await editor.getByRole('button', { name: '今すぐ公開' }).click();
    await confirmPublish(editor);
    await expect(editor.getByRole('status')).toHaveText('公開しました');

    const published = await waitForState(client, text.id, ['published'], { timeoutMs: 10_000 });
    expect(published.url).toMatch(/\/articles\/e2e-example-text$/);
    // The receiver hears it, signed (it answers 401 to, and drops, anything it cannot verify).
    await expect
      .poll(
        () => events.some((event) => event.type === 'article.published' && event.data.slug === 'e2e-example-text'),
        {
          timeout: 15_000,
        },
      )
      .toBe(true);

    // A correction is heard as article.corrected.
    await editor.getByLabel('タイトル').fill('トランプ大統領、即時停戦求めるも軍事支援見送り（訂正）');
    const versionBefore = await editor
      .getByText(/^第\d+版/)
      .first()
      .textContent();
    await editor.getByRole('button', { name: '更新を公開' }).click();
    // The saved page has replaced the one the click was made on (a new version): a field filled
    // before it arrives would be emptied by it.
    await expect(editor.getByText(/^第\d+版/).first()).not.toHaveText(versionBefore!);
    await editor.getByLabel('誤っていた内容').fill('見出しの表現が誤っていました');
    await editor.getByLabel('訂正した内容').fill('見出しを直しました');
    await editor.getByRole('button', { name: '訂正を記録する' }).click();
    await expect(editor.getByRole('status')).toContainText('訂正を追加しました');
    await expect
      .poll(
        () => events.some((event) => event.type === 'article.corrected' && event.data.slug === 'e2e-example-text'),
        {
          timeout: 15_000,
        },
      )
      .toBe(true);

    // The endpoint's delivery log in the dashboard, and "send again" (the same event id: the receiver keeps it once).
    await admin.goto('/admin/integrations');
    await admin.getByRole('link', { name: receiver.url }).click();
    const delivered = admin.getByRole('article', { name: /^配信 article\.published / });
    await expect(delivered.first()).toContainText('届いた');
    await delivered.first().getByRole('button', { name: 'もう一度送る' }).click();
    await expect(admin.getByRole('status')).toHaveText('再送しました（HTTP 204）');
    expect(
      events.filter((event) => event.type === 'article.published' && event.data.slug === 'e2e-example-text'),
    ).toHaveLength(1);

    // The read API lists it, and answers 304 to its own ETag.
    const auth = { Authorization: `Bearer ${key}` };
    const read = await request.get('/api/v1/articles/e2e-example-text', { headers: auth });
    expect(read.status()).toBe(200);
    expect((await read.json()).corrections).toHaveLength(1);
    const etag = read.headers().etag!;
    const notModified = await request.get('/api/v1/articles/e2e-example-text', {
      headers: { ...auth, 'If-None-Match': etag },
    });
    expect(notModified.status()).toBe(304);
    const list = await (await request.get('/api/v1/articles?limit=100', { headers: auth })).json();
    expect(list.data.map((article: { slug: string }) => article.slug)).toContain('e2e-example-text');
    expect(list.data.map((article: { slug: string }) => article.slug)).not.toContain('e2e-example-json');
    const openapi = await request.get('/api/v1/openapi.json');
    expect((await openapi.json()).openapi).toBe('3.1.0');

    // Stopped, the endpoint hears nothing more (the receiver goes away with this test).
    await admin.getByRole('button', { name: 'この Webhook を停止する' }).click();
    await expect(admin.getByRole('status')).toHaveText('停止しました');
  } finally {
    receiver.server.closeAllConnections();
    await new Promise((resolve) => receiver.server.close(resolve));
  }
});
