import sharp from 'sharp';
import { expect, test, readText } from './support/test';
import { confirmPublish, login, query } from './support/admin';
import { ACCOUNTS } from './support/fixtures';

/** A phone photo: sideways with an EXIF orientation, and the GPS position of where it was taken. */
function phonePhoto(): Promise<Buffer> {
  return sharp({ create: { width: 2000, height: 1200, channels: 3, background: { r: 200, g: 80, b: 40 } } })
    .jpeg()
    .withMetadata({ orientation: 6 })
    .withExif({
      IFD0: { Make: 'ExamplePhone' },
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '35/1 39/1 0/1', GPSLongitudeRef: 'E', GPSLongitude: '139/1 44/1 0/1' },
    })
    .toBuffer();
}

function diagram(): Promise<Buffer> {
  return sharp({ create: { width: 900, height: 600, channels: 3, background: '#2a9d8f' } })
    .png()
    .toBuffer();
}

const SLUG = 'e2e-images-and-byline';
const TITLE = 'E2E 写真と図と署名のある記事';

test('an editor writes a profile, adds a photo and a diagram, signs the article, and readers see all three', async ({
  page,
  request,
}) => {
  await login(page, ACCOUNTS.byline);

  // The profile the byline links to; the bio's paragraphs come from a real textarea (CRLF).
  await page.goto('/admin/profile');
  await page.getByLabel('URL名').fill('shomei-juichiko');
  await page.getByLabel('肩書き').fill('社会部デスク');
  await page.getByLabel('紹介文').fill('社会部で防災と交通を担当しています。\n\n記者を十年務めました。');
  await page.getByRole('button', { name: 'プロフィールを保存' }).click();
  await expect(page.getByRole('status')).toHaveText('プロフィールを保存しました');
  const [stored] = await query<{ bio: string }>('SELECT bio FROM users WHERE email = $1', [ACCOUNTS.byline.email]);
  expect(stored!.bio).toBe('社会部で防災と交通を担当しています。\n\n記者を十年務めました。');

  await page.goto('/admin/articles/new');
  await page.getByLabel('タイトル').fill(TITLE);
  await page.getByLabel('スラッグ（URL）').fill(SLUG);
  await page.getByLabel('カテゴリ').selectOption('society');
  await page.getByLabel('リード', { exact: true }).fill('写真と図を添え、担当編集者が署名した記事のリード。');
  await page.getByLabel('節 1 の見出し').fill('現場の様子');
  await page.getByLabel('節 1 の本文').fill('現場の本文。');
  await page.getByLabel('出典がない理由').fill('試験の記事で、出典はないため');

  // A file that only claims to be a JPEG is refused, by its bytes.
  await page.getByLabel('メイン画像', { exact: true }).setInputFiles({
    name: 'photo.jpg',
    mimeType: 'image/jpeg',
    buffer: Buffer.from('<!doctype html><p>not an image</p>'),
  });
  await expect(page.getByText('JPEG、PNG、WebP、AVIF の画像を選んでください')).toBeVisible();

  await page.getByLabel('メイン画像', { exact: true }).setInputFiles({
    name: 'photo.jpg',
    mimeType: 'image/jpeg',
    buffer: await phonePhoto(),
  });
  // While the server makes the renditions, the editor sees a progress bar and what is happening.
  await expect(page.getByRole('progressbar', { name: '画像のアップロード' })).toBeVisible();
  await expect(page.getByTestId('image-preview')).toBeVisible();
  await expect(page.getByRole('progressbar', { name: '画像のアップロード' })).toHaveCount(0);
  // Without words for readers who cannot see it, the save is refused at that field.
  await page.getByRole('button', { name: '下書き保存' }).click();
  await expect(page.getByRole('alert').filter({ hasText: '画像の説明が足りません' })).toBeVisible();
  await expect(page.getByLabel('画像の代替テキスト（必須）')).toHaveAttribute('aria-invalid', 'true');

  await page.getByLabel('画像の代替テキスト（必須）').fill('冠水した道路を歩く人たち');
  await page.getByLabel('キャプション', { exact: true }).fill('冠水した駅前の道路');
  await page.getByLabel('クレジット', { exact: true }).fill('例示通信');
  await page.getByLabel('画像の種類', { exact: true }).selectOption('photograph');
  await page.getByLabel('節 1 の画像', { exact: true }).setInputFiles({
    name: 'diagram.png',
    mimeType: 'image/png',
    buffer: await diagram(),
  });
  await expect(page.getByTestId('image-preview')).toHaveCount(2);
  await page.getByLabel('節 1 の画像の代替テキスト').fill('浸水した地域を色で示した地図');
  await page.getByLabel('節 1 の画像の種類').selectOption('illustration');
  await page.getByLabel('担当編集者（署名）').selectOption({ label: '署名 十一子（社会部デスク）' });
  await page.getByRole('button', { name: '今すぐ公開' }).click();
  await confirmPublish(page);
  await expect(page.getByRole('status')).toHaveText('公開しました');

  // What readers see: both images with their words and provenance, and who answers for the article.
  await page.goto(`/articles/${SLUG}`);
  const figures = page.locator('article figure');
  await expect(figures).toHaveCount(2);
  await expect(figures.nth(0).locator('img')).toHaveAttribute('alt', '冠水した道路を歩く人たち');
  await expect(figures.nth(0).locator('figcaption')).toContainText('冠水した駅前の道路');
  await expect(figures.nth(0).getByTestId('image-provenance')).toHaveText('〔写真・例示通信〕');
  await expect(figures.nth(1).getByTestId('image-provenance')).toHaveText('〔イラスト・図〕');
  // Upright (the EXIF orientation applied), at its real size, so the page never shifts.
  await expect(figures.nth(0).locator('img')).toHaveAttribute('width', '1200');
  await expect(figures.nth(0).locator('img')).toHaveAttribute('height', '2000');
  await expect(figures.nth(1).locator('img')).toHaveAttribute('loading', 'lazy');

  // Every file the page offers answers, as the type it says, cached for good, with no EXIF left.
  const candidates = await page.locator('article figure source, article figure img').evaluateAll((elements) =>
    elements.flatMap((element) =>
      (element.getAttribute('srcset') ?? '').split(',').map((candidate) => ({
        url: candidate.trim().split(/\s+/)[0]!,
        type: element.getAttribute('type') ?? 'image/jpeg',
      })),
    ),
  );
  expect(candidates.length).toBeGreaterThanOrEqual(2 * 3 * 2);
  for (const { url, type } of candidates) {
    const response = await request.get(url);
    expect(response.status(), url).toBe(200);
    expect(response.headers()['content-type'], url).toBe(type);
    expect(response.headers()['cache-control'], url).toContain('immutable');
    expect((await sharp(await response.body()).metadata()).exif, url).toBeUndefined();
  }

  const byline = page.getByTestId('byline');
  await expect(byline).toContainText('署名 十一子（社会部デスク）');
  await byline.getByRole('link', { name: '署名 十一子' }).click();
  await expect(page).toHaveURL(/\/editors\/shomei-juichiko$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('署名 十一子');
  await expect(page.locator('main .article-body p')).toHaveText([
    '社会部で防災と交通を担当しています。',
    '記者を十年務めました。',
  ]);
  await expect(page.getByRole('link', { name: TITLE })).toBeVisible();
  const html = await readText(await request.get('/editors/shomei-juichiko'));
  expect(html).toContain('"@type":"ProfilePage"');
  // Signing a real article puts the profile in the sitemap.
  await expect.poll(async () => readText(await request.get('/sitemap.xml'))).toContain('/editors/shomei-juichiko');

  // The article's structured data names the editor, and the feed carries the photo.
  const article = await readText(await request.get(`/articles/${SLUG}`));
  expect(article).toMatch(/"author":\{"@type":"Person","name":"署名 十一子","url":"[^"]+\/editors\/shomei-juichiko"/);
  const feed = await readText(await request.get('/feed.xml'));
  expect(feed).toMatch(
    /<media:content url="[^"]+\/media\/images\/\d+\/1200\.jpg" type="image\/jpeg" medium="image" width="1200" height="2000"><media:description>冠水した道路を歩く人たち<\/media:description>/,
  );
});

test('an upload needs a signed-in editor and the upload header, and an oversized one is refused unread', async ({
  page,
  request,
}) => {
  const photo = await sharp({ create: { width: 640, height: 480, channels: 3, background: '#123456' } })
    .png()
    .toBuffer();
  const upload = (client: typeof request, headers: Record<string, string>, data: Buffer = photo) =>
    client.post('/admin/media/upload', { headers: { 'Content-Type': 'image/png', ...headers }, data, maxRedirects: 0 });
  const stored = async () =>
    (await query<{ n: number }>('SELECT count(*)::int AS n FROM media_images WHERE byte_size = $1', [photo.length]))[0]!
      .n;

  expect((await upload(request, { 'x-kiji-editor': '1' })).status()).not.toBe(201);
  await login(page, ACCOUNTS.byline);
  // A cross-site form cannot send the header; without it, a signed-in browser uploads nothing.
  expect((await upload(page.request, {})).status()).toBe(400);
  expect((await upload(page.request, { 'x-kiji-editor': '1' }, Buffer.alloc(16 * 1024 * 1024))).status()).toBe(413);
  expect(await stored()).toBe(0);
  const accepted = await upload(page.request, { 'x-kiji-editor': '1' });
  expect(accepted.status()).toBe(201);
  expect(await accepted.json()).toMatchObject({ width: 640, height: 480 });
  expect(await stored()).toBe(1);
});
