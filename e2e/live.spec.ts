import sharp from 'sharp';
import { expect, test } from './support/test';
import { confirmPublish, login, query } from './support/admin';
import { ACCOUNTS } from './support/fixtures';
import { axeViolations } from './support/axe';

/**
 * Live coverage end to end (issue #26, docs/decisions/0040): an editor starts a live page and posts
 * to it while a reader has it open; the reader is offered each update within 5 seconds without a
 * reload, and nothing moves until they ask; key events, a correction and the end of the coverage
 * reach the reader too; without JavaScript the page is complete and its refresh link works.
 */

const SLUG = 'e2e-live-summit';
const NEW_UPDATES = /(\d+)件の新しい更新/;

test('an editor runs a live page and a reader with it open sees each update, the correction and the end, within 5 s and without a reload', async ({
  page,
  browser,
  baseURL,
}) => {
  test.setTimeout(180_000);
  await login(page, ACCOUNTS.editor);
  await page.goto('/admin/articles/new');
  await page.getByLabel('タイトル').fill('E2E ライブ：首脳会談の最新情報');
  await page.getByLabel('スラッグ（URL）').fill(SLUG);
  await page.getByLabel('リード', { exact: true }).fill('首脳会談の動きを新しい順に伝えます。');
  await page.getByLabel('節 1 の見出し').fill('会談の背景');
  await page.getByLabel('節 1 の本文').fill('両国の首脳が会談するのは一年ぶりです。');
  await page.getByLabel('出典がない理由').fill('試験の記事で、出典はないため');
  await page.getByLabel('記事の種類').selectOption('live');
  await page.getByRole('button', { name: '今すぐ公開' }).click();
  await confirmPublish(page);
  await expect(page.getByRole('status')).toHaveText('公開しました');
  const [row] = await query<{ id: number }>('SELECT id FROM articles WHERE slug = $1', [SLUG]);
  await page.getByRole('link', { name: 'ライブの更新を投稿する' }).click();
  await expect(page).toHaveURL(new RegExp(`/admin/articles/${row!.id}/live`));

  // A reader opens the live page, with script, as published before any update.
  const readerContext = await browser.newContext({ baseURL });
  const reader = await readerContext.newPage();
  await reader.goto(`/articles/${SLUG}`);
  await expect(reader.getByText('LIVE 更新中')).toBeVisible();
  await expect(reader.getByText('まだ更新はありません', { exact: false }).first()).toBeVisible();
  let navigations = 0;
  reader.on('framenavigated', (frame) => {
    if (frame === reader.mainFrame()) navigations += 1;
  });

  let posted = 0;
  const post = async (fill: () => Promise<void>) => {
    const form = page.locator('#live-form form').first();
    await fill();
    await form.getByRole('button', { name: '投稿する' }).click();
    posted += 1;
    await expect(page.getByRole('heading', { name: `投稿した更新（${posted}件）` })).toBeVisible();
    await expect(page.getByText('更新を投稿しました')).toBeVisible();
    // The form is empty again for the next update.
    await expect(page.locator('#new-body')).toHaveValue('');
  };
  const seeOffered = async (count: number) => {
    const button = reader.locator('#live-new button');
    await expect(button).toHaveText(`${count}件の新しい更新`, { timeout: 5_000 + 1_000 });
    await button.click();
  };

  await post(async () => {
    await page.locator('#new-heading').fill('両首脳が会談場に到着');
    await page.locator('#new-body').fill('両国の首脳が午後6時すぎ、会談場に到着しました。');
    await page.getByLabel('重要な出来事').first().check();
  });
  await seeOffered(1);
  await expect(reader.locator('#live-list [data-update]')).toHaveCount(1);
  await expect(reader.locator('#live-list')).toContainText('両首脳が会談場に到着');
  await expect(reader.locator('#live-list')).toContainText('重要');

  await post(async () => {
    await page.locator('#new-body').fill('会談は非公開で始まりました。終了は午後8時ごろの見込みです。');
    await page.getByLabel('先頭に固定').first().check();
  });
  await seeOffered(1);
  await expect(reader.locator('#live-pinned')).toContainText('会談は非公開で始まりました');

  await post(async () => {
    await page.locator('#new-body').fill('会談場の前には多くの報道陣が集まっています。');
    await page.locator('#live-form input[type=file]').setInputFiles({
      name: 'press.png',
      mimeType: 'image/png',
      buffer: await sharp({ create: { width: 800, height: 500, channels: 3, background: '#335577' } })
        .png()
        .toBuffer(),
    });
    await page.locator('#live-form input[name=imageAlt]').fill('会談場の前に集まった報道陣');
  });
  // Two more while the reader does not click: the button counts them all.
  await post(async () => {
    await page.locator('#new-body').fill('外相同士の会談も並行して行われています。');
  });
  await post(async () => {
    await page.locator('#new-heading').fill('共同声明の発表へ');
    await page.locator('#new-body').fill('両首脳は会談後、共同声明を発表する予定です。');
  });
  await expect(reader.locator('#live-new button')).toHaveText(NEW_UPDATES, { timeout: 6_000 });
  await expect(reader.locator('#live-list [data-update]')).toHaveCount(2); // nothing moved yet
  await seeOffered(3);
  await expect(reader.locator('#live-list [data-update]')).toHaveCount(5);
  await expect(reader.getByRole('img', { name: '会談場の前に集まった報道陣' })).toBeVisible();
  expect(navigations, 'the reader never reloaded').toBe(0);

  // Key events only, as a plain link.
  await reader.getByRole('link', { name: /重要な出来事だけを見る/ }).click();
  await expect(reader.locator('#live-list [data-update]')).toHaveCount(1);
  await expect(reader.locator('#live-list')).toContainText('両首脳が会談場に到着');
  await reader.getByRole('link', { name: 'すべての更新を見る' }).click();
  await expect(reader.locator('#live-list [data-update]')).toHaveCount(5);
  navigations = 0;

  // A correction to an update appears with its notice.
  const first = page.locator('li', { hasText: '両首脳が会談場に到着' });
  await first.getByText('編集・訂正').click();
  await first.getByLabel('本文').fill('両国の首脳が午後6時半ごろ、会談場に到着しました。');
  await first.getByLabel(/訂正の説明/).fill('到着の時刻を誤っていました');
  await first.getByRole('button', { name: '保存する' }).click();
  await expect(page.getByText('更新を保存しました')).toBeVisible();
  await expect(reader.locator('#live-list')).toContainText('到着の時刻を誤っていました', { timeout: 6_000 });
  await expect(reader.locator('#live-list')).toContainText('午後6時半ごろ');

  // The editor ends the coverage; the reader's page says so.
  await page.getByRole('button', { name: 'ライブを終了する' }).click();
  await expect(page.getByText('ライブを終了しました')).toBeVisible();
  await expect(reader.locator('#live-new button')).toHaveText('ライブは終了しました（表示を更新）', { timeout: 6_000 });
  await reader.locator('#live-new button').click();
  await expect(reader.getByText('このライブは終了しました')).toBeVisible();
  expect(navigations, 'the reader never reloaded').toBe(0);
  await readerContext.close();
});

test('a pipeline’s update waits for an editor: out of the page until 掲載する, then shown labelled AI-made; one turned down never appears', async ({
  page,
  request,
}) => {
  test.setTimeout(120_000);
  const slug = 'e2e-live-desk';
  await login(page, ACCOUNTS.admin);
  await page.goto('/admin/keys');
  await page.getByLabel('名前（どの連携か）').fill('E2E ライブのパイプライン');
  await page.getByRole('checkbox', { name: /live:write/ }).check();
  await page.getByRole('button', { name: '連携キーを作成' }).click();
  const auth = { Authorization: `Bearer ${await page.getByLabel('連携キー', { exact: true }).inputValue()}` };

  await page.goto('/admin/articles/new');
  await page.getByLabel('タイトル').fill('E2E ライブ：台風の速報');
  await page.getByLabel('スラッグ（URL）').fill(slug);
  await page.getByLabel('リード', { exact: true }).fill('台風の動きを新しい順に伝えます。');
  await page.getByLabel('節 1 の見出し').fill('台風の経路');
  await page.getByLabel('節 1 の本文').fill('台風は北上を続けています。');
  await page.getByLabel('出典がない理由').fill('試験の記事で、出典はないため');
  await page.getByLabel('記事の種類').selectOption('live');
  await page.getByRole('button', { name: '今すぐ公開' }).click();
  await confirmPublish(page);
  await expect(page.getByRole('status')).toHaveText('公開しました');
  const [row] = await query<{ id: number }>('SELECT id FROM articles WHERE slug = $1', [slug]);

  const send = (body: string) =>
    request.post(`/api/v1/articles/${slug}/live-updates`, {
      headers: { ...auth, 'Content-Type': 'application/json' },
      data: JSON.stringify({
        heading: '気象庁の発表',
        body,
        sources: [{ title: '気象庁', url: 'https://www.jma.go.jp/' }],
      }),
    });
  const kept = await send('気象庁は暴風警報を発表しました。');
  expect(kept.status()).toBe(202);
  const turnedDown = await send('確かめられない被害の情報です。');
  expect(turnedDown.status()).toBe(202);
  const readerSees = async () => (await request.get(`/articles/${slug}`)).text();
  expect(await readerSees()).not.toContain('暴風警報');

  await page.goto(`/admin/articles/${row!.id}/live`);
  const queue = page.getByTestId('live-held');
  await expect(queue.getByRole('heading')).toHaveText('連携から届いた更新（確認待ち 2件）');
  const item = (text: string) => queue.getByRole('listitem').filter({ hasText: text });
  await item('確かめられない').getByRole('button', { name: '却下する' }).click();
  await expect(page.getByRole('status')).toHaveText('連携から届いた更新を却下しました');
  await item('暴風警報').getByRole('button', { name: '掲載する' }).click();
  await expect(page.getByRole('status')).toHaveText('連携から届いた更新を掲載しました');
  await expect(page.getByTestId('live-held')).toHaveCount(0);

  await expect.poll(readerSees).toContain('気象庁は暴風警報を発表しました。');
  const html = await readerSees();
  expect(html).not.toContain('確かめられない');
  const reader = page.context();
  const shown = await reader.newPage();
  await shown.goto(`/articles/${slug}`);
  const update = shown.locator('#live-list > li').filter({ hasText: '暴風警報' });
  await expect(update).toContainText('AI生成');
  const state = async (location: string) => (await (await request.get(location, { headers: auth })).json()).state;
  expect(await state(kept.headers().location!)).toBe('published');
  expect(await state(turnedDown.headers().location!)).toBe('rejected');
});

test('without JavaScript a live page is complete: its updates, its key events link, its pages, and a refresh link that works', async ({
  browser,
  baseURL,
}) => {
  const context = await browser.newContext({ baseURL, javaScriptEnabled: false });
  const reader = await context.newPage();
  // The demo live page (scripts/lib/demo-content.ts) is live, with three updates.
  const response = await reader.goto('/articles/demo-live-typhoon-landfall');
  expect(response!.headers()['content-security-policy']).toMatch(/script-src 'sha256-[A-Za-z0-9+/=]+'/);
  await expect(reader.getByText('LIVE 更新中')).toBeVisible();
  await expect(reader.locator('#live-list [data-update]').first()).toBeVisible();
  await expect(reader.locator('#live-new')).toBeHidden();
  await reader.getByRole('link', { name: '最新の情報に更新' }).click();
  await expect(reader).toHaveURL(/\/articles\/demo-live-typhoon-landfall/);
  await expect(reader.locator('#live-list [data-update]').first()).toBeVisible();
  const updateLink = reader.locator('#live-list [data-update] a').first();
  const href = await updateLink.getAttribute('href');
  expect(href).toMatch(/\/articles\/demo-live-typhoon-landfall\/updates\/\d+$/);
  await updateLink.click();
  await expect(reader.getByRole('heading', { name: 'ライブの更新' })).toBeVisible();
  await context.close();
});

test('the live page says what it is to machines: LiveBlogPosting with its coverage start and each update at its own answering URL', async ({
  request,
}) => {
  const html = await (await request.get('/articles/demo-live-typhoon-landfall')).text();
  const blocks = [...html.matchAll(/<script type="application\/ld\+json">(.*?)<\/script>/gs)].map((match) =>
    JSON.parse(match[1]!),
  );
  const live = blocks.find((block) => block['@type'] === 'LiveBlogPosting');
  expect(live).toBeDefined();
  expect(live.coverageStartTime).toMatch(/\+09:00$/);
  expect(live.coverageEndTime).toBeUndefined();
  expect(live.liveBlogUpdate.length).toBeGreaterThanOrEqual(3);
  for (const update of live.liveBlogUpdate) {
    expect(update['@type']).toBe('BlogPosting');
    expect(update.headline.length).toBeGreaterThan(0);
    expect(update.datePublished).toMatch(/\+09:00$/);
    const answer = await request.get(new URL(update.url).pathname);
    expect(answer.status(), update.url).toBe(200);
  }
  const feed = await request.get('/articles/demo-live-typhoon-landfall/updates.xml');
  expect(feed.status()).toBe(200);
  expect(feed.headers()['content-type']).toContain('application/atom+xml');
  expect(await feed.text()).toContain('/articles/demo-live-typhoon-landfall/updates/');
});

test('the 速報 banner appears on every public page kind within 2 s of being set, and disappears when it expires, without a restart', async ({
  page,
  request,
}) => {
  test.setTimeout(90_000);
  const [live] = await query<{ id: number }>('SELECT id FROM articles WHERE slug = $1', ['demo-live-typhoon-landfall']);
  const pages = [
    '/',
    '/articles/demo-live-typhoon-landfall',
    '/articles/demo-live-typhoon-landfall/key-events',
    '/articles/demo-live-typhoon-landfall/updates/1',
    '/category/world',
    '/tag/%E3%83%87%E3%83%A2',
    '/archive',
    '/search?q=%E5%8F%B0%E9%A2%A8',
    '/corrections',
    '/about',
    '/editors/demo-editor',
  ];
  // Rendered and cached before the banner is set: it must reach pages already cached.
  for (const path of pages) expect((await request.get(path)).status(), path).toBe(200);
  const shows = async (path: string) => (await (await request.get(path)).text()).includes('速報：E2E 台風が上陸');

  await login(page, ACCOUNTS.editor);
  await page.goto(`/admin/articles/${live!.id}/live`);
  await page.getByLabel('速報の文').fill('E2E 台風が上陸');
  await page.getByLabel('掲示する時間').selectOption('15');
  await page.getByRole('button', { name: '全ページに速報を出す' }).click();
  await expect(page.getByText('速報バナーを出しました')).toBeVisible();
  const setAt = Date.now();
  for (const path of pages) await expect.poll(() => shows(path), { timeout: 2_000, message: path }).toBe(true);
  expect(Date.now() - setAt).toBeLessThan(2_000 + pages.length * 200);

  // Its time comes (moved to a second from now, as the clock would): every page drops it.
  const [setting] = await query<{ value: string }>(`SELECT value FROM site_settings WHERE key = 'breaking'`);
  const value = { ...JSON.parse(setting!.value), until: new Date(Date.now() + 1_000).toISOString() };
  await query(`UPDATE site_settings SET value = $1 WHERE key = 'breaking'`, [JSON.stringify(value)]);
  for (const path of pages) await expect.poll(() => shows(path), { timeout: 8_000, message: path }).toBe(false);
  expect(await query(`SELECT 1 FROM site_settings WHERE key = 'breaking'`)).toEqual([]);
});

test('a live page and its editors’ screen are usable by keyboard and screen reader, light and dark, phone and desktop: no axe violations', async ({
  page,
}) => {
  test.setTimeout(120_000);
  const [live] = await query<{ id: number }>('SELECT id FROM articles WHERE slug = $1', ['demo-live-typhoon-landfall']);
  for (const path of [
    '/articles/demo-live-typhoon-landfall',
    '/articles/demo-live-typhoon-landfall/key-events',
    '/articles/demo-live-typhoon-landfall/updates/1',
  ])
    expect(await axeViolations(page, path)).toEqual([]);
  await login(page, ACCOUNTS.editor);
  expect(await axeViolations(page, `/admin/articles/${live!.id}/live`)).toEqual([]);
});
