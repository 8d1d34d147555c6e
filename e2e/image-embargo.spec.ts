import sharp from 'sharp';
import { expect, test } from './support/test';
import { confirmPublish, login, query } from './support/admin';
import { ACCOUNTS } from './support/fixtures';

/**
 * An embargoed story's pictures stay as private as its text (issue #27, decision 0024): an image is
 * served to readers only while a public article uses it, and otherwise answers exactly as an id
 * that does not exist does.
 */

const SLUG = 'e2e-embargoed-image';

/** What a response says, less the one header that differs by the second. */
function answer(response: { status(): number; headers(): Record<string, string> }, body: Buffer) {
  const { date: _date, ...headers } = response.headers();
  return { status: response.status(), headers, body: body.toString('base64') };
}

test('a draft’s image is 404 for a reader, exactly as a missing one, and shown to an editor; publishing shows it to everyone, unpublishing hides it again', async ({
  page,
  playwright,
  baseURL,
}) => {
  await login(page, ACCOUNTS.editor);
  await page.goto('/admin/articles/new');
  await page.getByLabel('タイトル').fill('E2E 解禁前の写真のある記事');
  await page.getByLabel('スラッグ（URL）').fill(SLUG);
  await page.getByLabel('リード', { exact: true }).fill('解禁前の写真を添えた記事のリード。');
  await page.getByLabel('節 1 の見出し').fill('見出し');
  await page.getByLabel('節 1 の本文').fill('本文。');
  await page.getByLabel('出典がない理由').fill('試験の記事で、出典はないため');
  await page.getByLabel('メイン画像', { exact: true }).setInputFiles({
    name: 'embargoed.png',
    mimeType: 'image/png',
    buffer: await sharp({ create: { width: 900, height: 600, channels: 3, background: '#7b2cbf' } })
      .png()
      .toBuffer(),
  });
  await expect(page.getByTestId('image-preview')).toBeVisible();
  await page.getByLabel('画像の代替テキスト（必須）').fill('解禁前の現場写真');
  await page.getByLabel('画像の種類', { exact: true }).selectOption('photograph');
  await page.getByRole('button', { name: '下書き保存' }).click();
  await expect(page.getByRole('status')).toHaveText('下書きを保存しました');

  const [article] = await query<{ image: number }>('SELECT lead_image_id AS image FROM articles WHERE slug = $1', [
    SLUG,
  ]);
  const [rendition] = await query<{ name: string }>(
    'SELECT name FROM media_renditions WHERE image_id = $1 ORDER BY name LIMIT 1',
    [article!.image],
  );
  const url = `/media/images/${article!.image}/${rendition!.name}`;
  // A reader: no cookie, no cache.
  const reader = await playwright.request.newContext({ baseURL });
  const get = async (path: string) => {
    const response = await reader.get(path);
    return answer(response, await response.body());
  };

  const draft = await get(url);
  expect(draft.status).toBe(404);
  expect(draft).toEqual(await get(`/media/images/2000000000/${rendition!.name}`));
  const editor = await page.request.get(url);
  expect(editor.status()).toBe(200);
  // What only an editor may see is never kept by a shared cache.
  expect(editor.headers()['cache-control']).toBe('private, no-store');

  await page.getByRole('button', { name: '今すぐ公開' }).click();
  await confirmPublish(page);
  await expect(page.getByRole('status')).toHaveText('公開しました');
  const published = await reader.get(url);
  expect(published.status()).toBe(200);
  expect(published.headers()['cache-control']).toContain('s-maxage=60');

  await page.getByRole('button', { name: '公開を取り消す' }).click();
  await page
    .getByRole('dialog', { name: '公開を取り消しますか？' })
    .getByRole('button', { name: '公開を取り消す' })
    .click();
  await expect(page.getByRole('status')).toContainText('公開を取り消しました');
  expect((await get(url)).status).toBe(404);
  expect((await page.request.get(url)).status()).toBe(200);
  await reader.dispose();
});
