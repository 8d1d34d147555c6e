import { confirmPublish, login } from './support/admin';
import { ACCOUNTS } from './support/fixtures';
import { expect, test, type Page } from './support/test';

/**
 * The AI desk (issue #24, docs/decisions/0030) in a real browser and a real HTTP client: an admin
 * creates a key in the dashboard; a pipeline submits; an editor finds the submission in the queue at
 * 390 px with the keyboard, requests a change (the pipeline reads the note), the pipeline resubmits,
 * the editor approves and publishes; the pipeline sees the public URL; a revoked key gets 401.
 */

const article = (title: string) => ({
  title,
  lead: 'AI デスクの試験として、公開資料から組み立てた記事のリード文である。',
  disclosure: 'ai-generated',
  sections: [{ heading: '経緯', paragraphs: ['公開資料によれば、試験の経緯はこうである。[1]'] }],
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
