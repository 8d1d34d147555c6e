import { readFileSync } from 'node:fs';
import { expect, test, type Page, readText } from './support/test';
import { confirmPublish, login, query } from './support/admin';
import { ACCOUNTS, SEED } from './support/fixtures';
import { axeViolations } from './support/axe';

const seedText = readFileSync(new URL('../prisma/seed/articles/000_860667d7943f974c.txt', import.meta.url), 'utf8');

async function fillNewArticle(page: Page, { title, slug }: { title: string; slug: string }) {
  await page.goto('/admin/articles/new');
  await page.getByLabel('タイトル').fill(title);
  await page.getByLabel('スラッグ（URL）').fill(slug);
  await page.getByLabel('場所').fill('東京');
  await page.getByLabel('カテゴリ').selectOption('society');
  await page.getByLabel('タグ').fill('E2E編集, 試験');
  await page.getByLabel('リード', { exact: true }).fill('編集画面から作った記事のリードである。');
  await page.getByLabel('節 1 の見出し').fill('最初の見出し');
  await page.getByLabel('節 1 の本文').fill('最初の節の本文。\n\n二つ目の段落。');
  await page.getByRole('button', { name: '節を追加' }).click();
  await page.getByLabel('節 2 の見出し').fill('二つ目の見出し');
  await page.getByLabel('節 2 の本文').fill('二つ目の節の本文。');
  for (const [index, source] of [
    ['1', { title: '第一の資料', url: 'https://example.org/first', publisher: '例示省' }],
    ['2', { title: '第二の資料', url: 'https://example.org/second', publisher: '例示庁' }],
  ] as const) {
    await page.getByRole('button', { name: '出典を追加' }).click();
    await page.getByLabel(`出典 ${index} の題名`).fill(source.title);
    await page.getByLabel(`出典 ${index} の URL`).fill(source.url);
    await page.getByLabel(`出典 ${index} の発行元`).fill(source.publisher);
  }
}

async function articleId(slug: string): Promise<number> {
  const [row] = await query<{ id: number }>('SELECT id FROM articles WHERE slug = $1', [slug]);
  return row!.id;
}

test.describe('an editor at work', () => {
  test.beforeEach(async ({ page }) => login(page, ACCOUNTS.editor));

  test('saves with Ctrl+S, and warns before leaving a form with unsaved changes but not a saved one', async ({
    page,
  }) => {
    await fillNewArticle(page, { title: 'E2E Ctrl+Sで保存した記事', slug: 'e2e-admin-ctrl-s' });
    // Typed and not saved: closing the tab asks first.
    const asked = page.waitForEvent('dialog');
    await page.close({ runBeforeUnload: true });
    const dialog = await asked;
    expect(dialog.type()).toBe('beforeunload');
    await dialog.dismiss();
    expect(page.isClosed()).toBe(false);

    await page.getByLabel('タイトル').focus();
    await page.keyboard.press('Control+s');
    await expect(page.getByRole('status')).toHaveText('下書きを保存しました');
    const [row] = await query<{ status: string }>('SELECT status FROM articles WHERE slug = $1', ['e2e-admin-ctrl-s']);
    expect(row?.status).toBe('draft');
    // Saved: nothing to lose, so the tab closes without asking.
    let askedAgain = false;
    page.on('dialog', (second) => {
      askedAgain = true;
      void second.accept();
    });
    await page.close({ runBeforeUnload: true });
    await page.waitForEvent('close');
    expect(askedAgain).toBe(false);
  });

  test('creates an article with two sections and two sources, publishes it, and sees it on the site', async ({
    page,
  }) => {
    await fillNewArticle(page, { title: 'E2E 編集画面で公開した記事', slug: 'e2e-admin-created' });
    await page.getByRole('button', { name: '今すぐ公開' }).click();
    await confirmPublish(page);
    await expect(page.getByRole('status')).toHaveText('公開しました');

    await page.goto('/articles/e2e-admin-created');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('E2E 編集画面で公開した記事');
    await expect(page.locator('article h2')).toHaveText([
      '最初の見出し',
      '二つ目の見出し',
      '参考・出典',
      'この記事について',
    ]);
    await expect(page.locator('section[aria-labelledby="sources-heading"] ol > li')).toHaveCount(2);
    await page.goto('/');
    await expect(page.getByRole('link', { name: 'E2E 編集画面で公開した記事' }).first()).toBeVisible();
  });

  test('saves a section of three paragraphs typed into the form: three paragraphs on the page, in the feed and in the preview', async ({
    page,
  }) => {
    await fillNewArticle(page, { title: 'E2E 三段落の記事', slug: 'e2e-admin-paragraphs' });
    await page.getByLabel('節 1 の見出し').fill('三段落の節');
    const body = page.getByLabel('節 1 の本文');
    await body.fill('');
    await body.focus();
    // Typed as an editor types them; the browser submits the line breaks as CRLF.
    for (const [i, text] of ['第一段落。', '第二段落。', '第三段落。'].entries()) {
      if (i > 0) {
        await page.keyboard.press('Enter');
        await page.keyboard.press('Enter');
      }
      await page.keyboard.type(text);
    }
    await page.getByRole('button', { name: '今すぐ公開' }).click();
    await confirmPublish(page);
    await expect(page.getByRole('status')).toHaveText('公開しました');
    const [stored] = await query<{ body: string }>(
      `SELECT s.body FROM sections s JOIN articles a ON a.id = s.article_id WHERE a.slug = 'e2e-admin-paragraphs' AND s.position = 0`,
    );
    expect(stored?.body).toBe('第一段落。\n\n第二段落。\n\n第三段落。');

    const paragraphsUnder = (heading: string) =>
      page.locator('section', { has: page.getByRole('heading', { name: heading, exact: true }) }).locator('p');
    const preview = page.url().replace(/\?.*$/, '') + '/preview';
    await page.goto('/articles/e2e-admin-paragraphs');
    await expect(paragraphsUnder('三段落の節')).toHaveText(['第一段落。', '第二段落。', '第三段落。']);
    await page.goto(preview);
    await expect(paragraphsUnder('三段落の節')).toHaveText(['第一段落。', '第二段落。', '第三段落。']);
    const feed = await readText(await page.request.get('/feed.xml'));
    expect(feed).toContain(
      '&lt;h2&gt;三段落の節&lt;/h2&gt;&lt;p&gt;第一段落。&lt;/p&gt;&lt;p&gt;第二段落。&lt;/p&gt;&lt;p&gt;第三段落。&lt;/p&gt;',
    );
  });

  test('edits a published article and the public page changes at once', async ({ page }) => {
    await fillNewArticle(page, { title: 'E2E 編集前の題名', slug: 'e2e-admin-edited' });
    await page.getByRole('button', { name: '今すぐ公開' }).click();
    await confirmPublish(page);
    await expect(page.getByRole('status')).toHaveText('公開しました');
    await page.request.get('/articles/e2e-admin-edited'); // cached now

    await page.getByLabel('タイトル').fill('E2E 編集後の題名');
    await page.getByRole('button', { name: '更新を公開' }).click();
    await expect(page.getByText(/^第2版/)).toBeVisible();
    await expect(page.getByRole('status')).toHaveText('公開しました');
    const html = await readText(await page.request.get('/articles/e2e-admin-edited'));
    expect(html).toContain('E2E 編集後の題名');
    expect(await readText(await page.request.get('/'))).toContain('E2E 編集後の題名');
  });

  test('is told about a conflict between two tabs, and nothing is overwritten', async ({ page, context }) => {
    await fillNewArticle(page, { title: 'E2E 競合する記事', slug: 'e2e-admin-conflict' });
    await page.getByRole('button', { name: '下書き保存' }).click();
    await expect(page.getByRole('status')).toHaveText('下書きを保存しました');
    const url = page.url().replace(/\?.*$/, '');

    const other = await context.newPage();
    await other.goto(url);
    await page.getByLabel('タイトル').fill('E2E 競合：タブA');
    await page.getByLabel('場所').fill('大阪');
    await page.getByRole('button', { name: '下書き保存' }).click();
    await expect(page.getByText(/^第2版/)).toBeVisible();

    await other.getByLabel('タイトル').fill('E2E 競合：タブB');
    await other.getByLabel('リード', { exact: true }).fill('タブBで書き直したリード。');
    await other.getByRole('button', { name: '下書き保存' }).click();
    const alert = other.locator('main').getByRole('alert');
    await expect(alert).toContainText('保存の間に');
    await expect(alert).toContainText('+ タイトル: E2E 競合：タブA');
    // Shown where the editor is: focus is on it.
    await expect(other.getByTestId('error-summary')).toBeFocused();
    await expect(other.getByLabel('タイトル')).toHaveValue('E2E 競合：タブB');
    const [row] = await query<{ title: string }>('SELECT title FROM articles WHERE slug = $1', ['e2e-admin-conflict']);
    expect(row?.title).toBe('E2E 競合：タブA');

    // Resolved in place, field by field, without reloading: the other tab's place is taken in,
    // this tab's lead is kept, and for the title both changed, the editor picks theirs.
    const resolver = other.getByRole('region', { name: /と、あなたの編集を合わせる/ });
    await expect(resolver).toContainText('あなたが触れていない項目の変更は取り込みます：場所');
    await expect(resolver.getByTestId('conflict-field')).toHaveCount(1);
    await resolver.getByRole('radio', { name: /さんの版/ }).check();
    await resolver.getByRole('button', { name: /フォームに反映する/ }).click();
    await expect(other.getByLabel('タイトル')).toHaveValue('E2E 競合：タブA');
    await expect(other.getByLabel('場所')).toHaveValue('大阪');
    await expect(other.getByLabel('リード', { exact: true })).toHaveValue('タブBで書き直したリード。');
    await other.getByRole('button', { name: '下書き保存' }).click();
    await expect(other.getByRole('status')).toHaveText('下書きを保存しました');
    await expect(other.getByText(/^第3版/)).toBeVisible();
    const [merged] = await query<{ title: string; lead: string; dateline_place: string }>(
      'SELECT title, lead, dateline_place FROM articles WHERE slug = $1',
      ['e2e-admin-conflict'],
    );
    expect(merged).toEqual({ title: 'E2E 競合：タブA', lead: 'タブBで書き直したリード。', dateline_place: '大阪' });
  });

  test('shows what publishing still needs next to each field, and keeps what was typed', async ({ page }) => {
    await page.goto('/admin/articles/new');
    await page.getByLabel('タイトル').fill('E2E 足りない記事');
    await page.getByLabel('スラッグ（URL）').fill('e2e-admin-incomplete');
    await page.getByLabel('日付（日本時間）').fill('');
    await page.getByLabel('制作方法').selectOption('');
    await page.getByRole('button', { name: '今すぐ公開' }).click();
    await expect(page.locator('main').getByRole('alert')).toContainText('公開に必要な項目が足りません');
    await expect(page.locator('#field-datelineDate-error')).toContainText('日付');
    await expect(page.locator('#field-disclosure-error')).toContainText('制作方法');
    await expect(page.locator('#field-sections-0-heading-error')).toContainText('見出し');
    await expect(page.locator('#field-noSourcesReason-error')).toContainText('出典のないAI記事は公開できません');
    await expect(page.getByLabel('タイトル')).toHaveValue('E2E 足りない記事');
    await expect(page.getByLabel('タイトル')).toHaveAttribute('aria-invalid', 'false');
    expect(await query('SELECT 1 FROM articles WHERE slug = $1', ['e2e-admin-incomplete'])).toHaveLength(0);
  });

  test('after a refused save, focus is on a summary of every problem, each linking to its field, and every field keeps what was sent', async ({
    page,
  }) => {
    await fillNewArticle(page, { title: 'E2E 拒まれても残る記事', slug: 'e2e-admin-refused-fidelity' });
    // Every kind of widget, each set away from its default.
    await page.getByLabel('カテゴリ').selectOption('economy');
    await page.getByLabel('制作方法').selectOption('human');
    await page.getByLabel('記事の種類').selectOption('analysis');
    await page.getByLabel('検索エンジン').selectOption('demo');
    await page.getByLabel('日付（日本時間）').fill('2025-10-18');
    await page.getByLabel('時刻（日本時間）').fill('09:30');
    await page.getByLabel('確認日時（日本時間）').fill('2025-10-18T10:15');
    await page.getByLabel('画像の種類', { exact: true }).selectOption('illustration');
    await page.getByLabel('節 1 の画像の種類').selectOption('photograph');
    await page.getByLabel('タイトル').fill('');
    await page.getByLabel('出典 2 の URL').fill('javascript:alert(1)');
    await page.getByRole('button', { name: '今すぐ公開' }).click();

    const summary = page.getByTestId('error-summary');
    await expect(summary).toBeFocused();
    await expect(summary.getByRole('link', { name: 'タイトル：タイトルを入力してください' })).toBeVisible();
    await expect(summary.getByRole('link', { name: /^出典 2 の URL：/ })).toBeVisible();
    await summary.getByRole('link', { name: /^出典 2 の URL：/ }).click();
    await expect(page.getByLabel('出典 2 の URL')).toBeFocused();

    await expect(page.getByLabel('カテゴリ')).toHaveValue('economy');
    await expect(page.getByLabel('制作方法')).toHaveValue('human');
    await expect(page.getByLabel('記事の種類')).toHaveValue('analysis');
    await expect(page.getByLabel('検索エンジン')).toHaveValue('demo');
    await expect(page.getByLabel('日付（日本時間）')).toHaveValue('2025-10-18');
    await expect(page.getByLabel('時刻（日本時間）')).toHaveValue('09:30');
    await expect(page.getByLabel('確認日時（日本時間）')).toHaveValue('2025-10-18T10:15');
    await expect(page.getByLabel('画像の種類', { exact: true })).toHaveValue('illustration');
    await expect(page.getByLabel('節 1 の画像の種類')).toHaveValue('photograph');
    await expect(page.getByLabel('タグ')).toHaveValue('E2E編集, 試験');
    await expect(page.getByLabel('節 1 の本文')).toHaveValue('最初の節の本文。\n\n二つ目の段落。');
    await expect(page.getByLabel('出典 1 の発行元')).toHaveValue('例示省');
    expect(await query('SELECT 1 FROM articles WHERE slug = $1', ['e2e-admin-refused-fidelity'])).toHaveLength(0);
  });

  for (const viewport of [
    { width: 390, height: 844 },
    { width: 1280, height: 800 },
  ]) {
    test(`the sticky save bar never covers the field that has focus, at ${viewport.width} px`, async ({ page }) => {
      await page.setViewportSize(viewport);
      await fillNewArticle(page, { title: 'E2E 隠れない欄', slug: 'e2e-admin-sticky-bar' });
      await page.getByLabel('タイトル').focus();
      const hidden: string[] = [];
      for (let step = 0; step < 120; step += 1) {
        await page.keyboard.press('Tab');
        // Measured after the next frame, once any scrolling the focus caused is done. A covered
        // field counts only if it is still covered a whole frame later: the bar grows when its
        // autosave line appears, and the page moves the field clear in that frame's
        // ResizeObserver, before it is painted; a measurement taken inside a requestAnimationFrame
        // callback can fall between the two.
        const seen = await page.evaluate(async () => {
          const frame = () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
          await frame();
          await frame();
          const covered = () => {
            const focused = document.activeElement as HTMLElement | null;
            const bar = document.querySelector('.sticky-save-bar');
            if (!focused || !bar || bar.contains(focused) || focused.closest('dialog')) return null;
            if (!focused.closest('form')) return 'left the form';
            const field = focused.getBoundingClientRect();
            const top = bar.getBoundingClientRect().top;
            return field.bottom > top + 1
              ? `${focused.id || focused.tagName} (bottom ${field.bottom} > bar ${top})`
              : '';
          };
          const first = covered();
          if (!first || first === 'left the form') return first;
          await frame();
          return covered();
        });
        if (seen === 'left the form') break;
        if (seen) hidden.push(seen);
      }
      expect(hidden).toEqual([]);
    });
  }

  test('gets a readable slug suggested from a Japanese title and the date, and can write its own', async ({ page }) => {
    await page.goto('/admin/articles/new');
    await page.getByLabel('日付（日本時間）').fill('2026-11-30');
    await page.getByLabel('タイトル').fill('トランプ氏とゼレンスキー氏、G7で会談');
    await expect(page.getByLabel('スラッグ（URL）')).toHaveValue('20261130-toranpu-zerensuki-g7');
    await page.getByLabel('日付（日本時間）').fill('2026-12-01');
    await expect(page.getByLabel('スラッグ（URL）')).toHaveValue('20261201-toranpu-zerensuki-g7');
    // Once the editor writes a slug, it is theirs: the title no longer changes it.
    await page.getByLabel('スラッグ（URL）').fill('trump-zelensky-g7');
    await page.getByLabel('タイトル').fill('トランプ氏とゼレンスキー氏、G7で再び会談');
    await expect(page.getByLabel('スラッグ（URL）')).toHaveValue('trump-zelensky-g7');
  });

  test('previews an article before its first save, at phone and desktop widths, then goes back or publishes', async ({
    page,
  }) => {
    await fillNewArticle(page, { title: 'E2E 保存前に見る記事', slug: 'e2e-admin-unsaved-preview' });
    await page.getByRole('button', { name: '保存せずにプレビュー' }).click();
    const preview = page.getByRole('dialog', { name: 'プレビュー（まだ保存していません）' });
    await expect(preview.getByRole('heading', { level: 1 })).toHaveText('E2E 保存前に見る記事');
    await expect(preview.locator('article h2').first()).toHaveText('最初の見出し');
    await expect(preview.getByTestId('unsaved-preview')).toHaveAttribute('data-width', 'phone');
    expect((await preview.getByTestId('unsaved-preview').boundingBox())!.width).toBeLessThanOrEqual(390);
    await preview.getByRole('button', { name: 'パソコン幅' }).click();
    await expect(preview.getByTestId('unsaved-preview')).toHaveAttribute('data-width', 'desktop');
    expect((await preview.getByTestId('unsaved-preview').boundingBox())!.width).toBeGreaterThan(390);
    expect(await query('SELECT 1 FROM articles WHERE slug = $1', ['e2e-admin-unsaved-preview'])).toHaveLength(0);

    await preview.getByRole('button', { name: '編集に戻る' }).click();
    await expect(preview).toHaveCount(0);
    // Escape closes it too, and focus goes back to the button that opened it.
    await page.getByRole('button', { name: '保存せずにプレビュー' }).click();
    await expect(preview.getByRole('heading', { level: 1 })).toHaveText('E2E 保存前に見る記事');
    await page.keyboard.press('Escape');
    await expect(preview).toHaveCount(0);
    await expect(page.getByRole('button', { name: '保存せずにプレビュー' })).toBeFocused();
    await expect(page.getByLabel('タイトル')).toHaveValue('E2E 保存前に見る記事');
    await page.getByRole('button', { name: '保存せずにプレビュー' }).click();
    await preview.getByRole('button', { name: 'このまま公開する' }).click();
    await confirmPublish(page);
    await expect(page.getByRole('status')).toHaveText('公開しました');
    expect((await page.request.get('/articles/e2e-admin-unsaved-preview')).status()).toBe(200);
  });

  test('schedules an article that then appears by itself at its time', async ({ page }) => {
    test.setTimeout(150_000);
    await fillNewArticle(page, { title: 'E2E 予約した記事', slug: 'e2e-admin-scheduled' });
    const at = new Date(Date.now() + 70_000);
    const tokyo = new Date(at.getTime() + 9 * 3600_000).toISOString();
    await page.getByLabel('日付（日本時間）').fill(tokyo.slice(0, 10));
    await page.getByLabel('時刻（日本時間）').fill(tokyo.slice(11, 16));
    await page.getByRole('button', { name: '予約公開（日付・時刻に公開）' }).click();
    await confirmPublish(page, '予約公開する');
    await expect(page.getByRole('status')).toHaveText('予約公開を設定しました');
    expect((await page.request.get('/articles/e2e-admin-scheduled')).status()).toBe(404);
    // Nobody acts: the server's scheduler publishes it once its minute has come.
    await expect
      .poll(async () => (await page.request.get('/articles/e2e-admin-scheduled')).status(), {
        timeout: 90_000,
        intervals: [2_000],
      })
      .toBe(200);
    expect(await readText(await page.request.get('/'))).toContain('E2E 予約した記事');
    const published = await query<{ n: number }>(
      `SELECT count(*)::int AS n FROM audit_log WHERE action = 'article_publish' AND detail->>'slug' = 'e2e-admin-scheduled'`,
    );
    expect(published[0]?.n).toBe(1);
  });

  test('counts characters as the editor types, and refuses a title past 300 rather than cutting it', async ({
    page,
  }) => {
    await fillNewArticle(page, { title: 'E2E 数える記事', slug: 'e2e-admin-counted' });
    await expect(page.getByTestId('count-title')).toHaveText('9 / 300字');
    await expect(page.getByTestId('count-lead')).toContainText('/ 5,000字');
    await expect(page.getByTestId('count-sections.0.body')).toHaveText('17 / 20,000字');
    await expect(page.getByTestId('total-count')).toHaveText(/^文字数 [\d,]+字（タイトル・リード・本文）$/);
    const long = 'あ'.repeat(301);
    await page.getByLabel('タイトル').fill(long);
    await expect(page.getByLabel('タイトル')).toHaveValue(long);
    await expect(page.getByTestId('count-title')).toContainText('301 / 300字（1字多すぎます');
    await page.getByRole('button', { name: '下書き保存' }).click();
    await expect(page.getByTestId('error-summary')).toContainText('タイトルは300文字以内にしてください');
    expect(await query('SELECT 1 FROM articles WHERE slug = $1', ['e2e-admin-counted'])).toHaveLength(0);
  });

  test('a refused save takes away the green notice of the save before it', async ({ page }) => {
    await fillNewArticle(page, { title: 'E2E 通知の残らない記事', slug: 'e2e-admin-stale-notice' });
    await page.getByRole('button', { name: '今すぐ公開' }).click();
    await confirmPublish(page);
    await expect(page.getByRole('status')).toHaveText('公開しました');
    await page.getByLabel('タイトル').fill('');
    await page.getByRole('button', { name: '更新を公開' }).click();
    await expect(page.getByTestId('error-summary')).toContainText('タイトル');
    await expect(page.getByRole('status').filter({ hasText: '公開しました' })).toHaveCount(0);
  });

  test('unpublishes an article, which then answers 404', async ({ page }) => {
    await fillNewArticle(page, { title: 'E2E 取り消す記事', slug: 'e2e-admin-unpublished' });
    await page.getByRole('button', { name: '今すぐ公開' }).click();
    await confirmPublish(page);
    await expect(page.getByRole('status')).toHaveText('公開しました');
    expect((await page.request.get('/articles/e2e-admin-unpublished')).status()).toBe(200);
    // It asks first, saying what will happen; declining changes nothing.
    await page.getByRole('button', { name: '公開を取り消す' }).click();
    const dialog = page.getByRole('dialog', { name: '公開を取り消しますか？' });
    await expect(dialog).toContainText('サイト・フィード・サイトマップから消え');
    await dialog.getByRole('button', { name: 'やめる' }).click();
    await expect(dialog).toBeHidden();
    expect((await page.request.get('/articles/e2e-admin-unpublished')).status()).toBe(200);
    await page.getByRole('button', { name: '公開を取り消す' }).click();
    await dialog.getByRole('button', { name: '公開を取り消す' }).click();
    await expect(page.getByRole('status')).toContainText('公開を取り消しました');
    await expect(page.getByText(/^第2版/)).toBeVisible();
    expect((await page.request.get('/articles/e2e-admin-unpublished')).status()).toBe(404);
    expect(await readText(await page.request.get('/feed.xml'))).not.toContain('e2e-admin-unpublished');
    // Undo publishes it again, at once.
    await page.getByRole('button', { name: '元に戻す（もう一度公開する）' }).click();
    await expect(page.getByRole('status')).toHaveText('公開しました');
    expect((await page.request.get('/articles/e2e-admin-unpublished')).status()).toBe(200);
  });

  test('changes the slug of a published article and the old URL redirects with 308', async ({ page }) => {
    await fillNewArticle(page, { title: 'E2E 改名する記事', slug: 'e2e-admin-old-slug' });
    await page.getByRole('button', { name: '今すぐ公開' }).click();
    await confirmPublish(page);
    await expect(page.getByRole('status')).toHaveText('公開しました');
    await page.getByLabel('スラッグ（URL）').fill('e2e-admin-new-slug');
    await page.getByRole('button', { name: '更新を公開' }).click();
    await expect(page.getByText(/^第2版/)).toBeVisible();
    const old = await page.request.get('/articles/e2e-admin-old-slug', { maxRedirects: 0 });
    expect(old.status()).toBe(308);
    expect(old.headers().location).toMatch(/\/articles\/e2e-admin-new-slug$/);
    expect((await page.request.get('/articles/e2e-admin-new-slug')).status()).toBe(200);
  });

  test('pastes the seed under another title and is told an article with nearly the same text exists', async ({
    page,
  }) => {
    await page.goto('/admin/import');
    await page.getByLabel('記事の文章を貼り付け').fill(seedText.replace(SEED.title, '別の見出しで貼り付けた同じ記事'));
    await page.getByRole('button', { name: '読み取る' }).click();
    await expect(page.getByTestId('parsed-title')).toHaveText('別の見出しで貼り付けた同じ記事');
    await expect(page.getByTestId('nearly-same')).toContainText(SEED.title);
    await expect(page.getByTestId('same-title')).toHaveCount(0);
  });

  test('pastes the seed file, sees it parsed, and saves it as a draft', async ({ page }) => {
    await page.goto('/admin/import');
    await page.getByLabel('記事の文章を貼り付け').fill(seedText);
    await page.getByRole('button', { name: '読み取る' }).click();
    await expect(page.getByTestId('parsed-title')).toHaveText(SEED.title);
    await expect(page.getByTestId('parsed-sections').locator('li')).toHaveText(SEED.headings);
    // The pasted text stays, and the seed itself is already on the site under the same title.
    await expect(page.getByLabel('記事の文章を貼り付け')).toHaveValue(new RegExp(SEED.headings[3]!));
    await expect(page.getByTestId('same-title')).toContainText(SEED.title);
    // Where it is filed and when are shown, and the editor chooses them before saving.
    await expect(page.getByLabel('カテゴリ')).toHaveValue('world');
    await expect(page.getByLabel('時刻', { exact: true })).toHaveValue('00:00');
    await page.getByLabel('カテゴリ').selectOption('economy');
    await page.getByLabel('時刻', { exact: true }).fill('18:30');
    await page.getByRole('button', { name: '下書きとして保存' }).click();
    await expect(page.getByRole('status')).toHaveText('取り込んだ記事を下書きとして保存しました');
    await expect(page.getByLabel('タイトル')).toHaveValue(SEED.title);
    await expect(page.getByTestId('section-editor')).toHaveCount(4);
    await expect(page.getByLabel('カテゴリ')).toHaveValue('economy');
    await expect(page.getByLabel('時刻（日本時間）')).toHaveValue('18:30');
  });

  test('uploads a Markdown file and saves it as a draft', async ({ page }) => {
    await page.goto('/admin/import');
    await page.getByLabel('またはファイルを選ぶ（.txt / .md / .json、2 MB まで）').setInputFiles({
      name: 'upload.md',
      mimeType: 'text/markdown',
      buffer: Buffer.from(
        '# E2E アップロードした記事\n\nリードである。\n\n## 見出しA\n\n本文A。\n\n## 見出しB\n\n本文B。\n\n## 参考・出典\n\n- [資料](https://example.org/upload)\n',
      ),
    });
    await page.getByRole('button', { name: '読み取る' }).click();
    await expect(page.getByTestId('parsed-sections').locator('li')).toHaveText(['見出しA', '見出しB']);
    await page.getByRole('button', { name: '下書きとして保存' }).click();
    await expect(page.getByLabel('タイトル')).toHaveValue('E2E アップロードした記事');
    await expect(page.getByLabel('出典 1 の URL')).toHaveValue('https://example.org/upload');
  });

  test('reorders and removes sections and sources before saving', async ({ page }) => {
    await fillNewArticle(page, { title: 'E2E 並べ替える記事', slug: 'e2e-admin-reordered' });
    await page.getByRole('button', { name: '節 2 を上へ' }).click();
    await expect(page.getByLabel('節 1 の見出し')).toHaveValue('二つ目の見出し');
    await page.getByRole('button', { name: '節を追加' }).click();
    await page.getByLabel('節 3 の見出し').fill('消す見出し');
    await page.getByRole('button', { name: '節 3 を削除' }).click();
    await page.getByRole('button', { name: '出典 1 を下へ' }).click();
    await page.getByRole('button', { name: '出典 2 を削除' }).click();
    await page.getByRole('button', { name: '下書き保存' }).click();
    await expect(page.getByRole('status')).toHaveText('下書きを保存しました');
    const id = await articleId('e2e-admin-reordered');
    const sections = await query<{ heading: string }>(
      'SELECT heading FROM sections WHERE article_id = $1 ORDER BY position',
      [id],
    );
    expect(sections.map((row) => row.heading)).toEqual(['二つ目の見出し', '最初の見出し']);
    const sources = await query<{ title: string }>(
      'SELECT title FROM sources WHERE article_id = $1 ORDER BY position',
      [id],
    );
    expect(sources.map((row) => row.title)).toEqual(['第二の資料']);
  });

  test('publishes an article whose scheduled time passed while nobody was watching', async ({ page }) => {
    // As after a restart: the database says "scheduled" and the time is already past.
    await fillNewArticle(page, { title: 'E2E 期限切れの予約', slug: 'e2e-admin-overdue' });
    await page.getByRole('button', { name: '下書き保存' }).click();
    await expect(page.getByRole('status')).toHaveText('下書きを保存しました');
    await query(
      `UPDATE articles SET status = 'scheduled', published_at = now() - interval '5 minutes' WHERE slug = 'e2e-admin-overdue'`,
    );
    await expect
      .poll(async () => (await page.request.get('/articles/e2e-admin-overdue')).status(), {
        timeout: 20_000,
        intervals: [1_000],
      })
      .toBe(200);
    const [row] = await query<{ status: string }>('SELECT status::text FROM articles WHERE slug = $1', [
      'e2e-admin-overdue',
    ]);
    expect(row?.status).toBe('published');
  });

  test('refuses a pasted file that is not an article, naming the line', async ({ page }) => {
    await page.goto('/admin/import');
    await page
      .getByLabel('記事の文章を貼り付け')
      .fill('題名\n\nリード。\n\n見出し\n\n本文。\n\n参考・出典\n\n悪い javascript:alert(1)');
    await page.getByRole('button', { name: '読み取る' }).click();
    await expect(page.locator('main').getByRole('alert')).toContainText('11行目');
  });

  test('previews a draft that the public cannot open', async ({ page, browser }) => {
    await fillNewArticle(page, { title: 'E2E 下書きのプレビュー', slug: 'e2e-admin-preview' });
    await page.getByRole('button', { name: '下書き保存' }).click();
    await expect(page.getByRole('status')).toHaveText('下書きを保存しました');
    const previewUrl = page.url().replace(/\?.*$/, '') + '/preview';
    await page.goto(previewUrl);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('E2E 下書きのプレビュー');
    const anonymous = await browser.newContext();
    const response = await anonymous.request.get(previewUrl, { maxRedirects: 0 });
    expect([303, 307]).toContain(response.status());
    expect(response.headers().location).toContain('/admin/login');
    expect((await anonymous.request.get('/articles/e2e-admin-preview')).status()).toBe(404);
    await anonymous.close();
  });

  test('restores an earlier revision, which becomes a new revision', async ({ page }) => {
    await fillNewArticle(page, { title: 'E2E 版1の題名', slug: 'e2e-admin-revisions' });
    await page.getByRole('button', { name: '下書き保存' }).click();
    await expect(page.getByRole('status')).toHaveText('下書きを保存しました');
    await page.getByLabel('タイトル').fill('E2E 版2の題名');
    await page.getByRole('button', { name: '下書き保存' }).click();
    await expect(page.getByText(/^第2版/)).toBeVisible();

    await page.getByRole('link', { name: '変更履歴' }).click();
    await expect(page.getByRole('region', { name: /差分/ })).toContainText('- タイトル: E2E 版1の題名');
    await expect(page.getByRole('region', { name: /差分/ })).toContainText('+ タイトル: E2E 版2の題名');
    // The changed word is marked, not the whole line.
    await expect(page.getByRole('region', { name: /差分/ }).locator('del')).toHaveText(['1']);
    await expect(page.getByRole('region', { name: /差分/ }).locator('ins')).toHaveText(['2']);
    await page.getByRole('button', { name: '第1版を復元' }).click();
    const dialog = page.getByRole('dialog', { name: '第1版を復元しますか？' });
    await expect(dialog).toContainText('新しい版として保存');
    await expect(dialog).not.toContainText('訂正');
    await dialog.getByRole('button', { name: '第1版を復元する' }).click();
    await expect(page.getByRole('status')).toContainText('選んだ版を復元しました');
    await expect(page.getByLabel('タイトル')).toHaveValue('E2E 版1の題名');
    const revisions = await query<{ version: number }>(
      'SELECT version FROM article_revisions WHERE article_id = $1 ORDER BY version',
      [await articleId('e2e-admin-revisions')],
    );
    expect(revisions.map((row) => row.version)).toEqual([1, 2, 3]);
    // The history says what made each version, in words.
    await page.getByRole('link', { name: '変更履歴' }).click();
    await expect(page.getByRole('row', { name: /第3版.*版の復元/ })).toBeVisible();
    await expect(page.getByRole('row', { name: /第1版.*作成/ })).toBeVisible();
    // Undo goes back to the version the restore replaced, as a version of its own.
    await page.goto(`/admin/articles/${await articleId('e2e-admin-revisions')}/revisions`);
    await page.getByRole('button', { name: '第2版を復元' }).click();
    await page
      .getByRole('dialog', { name: '第2版を復元しますか？' })
      .getByRole('button', { name: '第2版を復元する' })
      .click();
    await expect(page.getByLabel('タイトル')).toHaveValue('E2E 版2の題名');
    await page.getByRole('button', { name: '元に戻す（復元の前の版に戻す）' }).click();
    await expect(page.getByRole('status')).toContainText('選んだ版を復元しました');
    await expect(page.getByLabel('タイトル')).toHaveValue('E2E 版1の題名');
  });

  test('is warned that restoring a version from before a correction brings the corrected error back', async ({
    page,
  }) => {
    await fillNewArticle(page, { title: 'E2E 訂正前の題名', slug: 'e2e-admin-corrected' });
    await page.getByRole('button', { name: '今すぐ公開' }).click();
    await confirmPublish(page);
    await expect(page.getByRole('status')).toHaveText('公開しました');
    await page.getByLabel('タイトル').fill('E2E 訂正後の題名');
    await page.getByRole('button', { name: '更新を公開' }).click();
    await expect(page.getByText(/^第2版/)).toBeVisible();
    await page.getByLabel('誤っていた内容').fill('題名の地名が誤っていました');
    await page.getByLabel('訂正した内容').fill('正しい地名に直しました');
    await page.getByRole('button', { name: '訂正を記録する' }).click();
    await expect(page.getByRole('status')).toContainText('訂正を追加しました');
    await page.getByRole('link', { name: '変更履歴' }).click();
    await page.getByRole('button', { name: '第1版を復元' }).click();
    await expect(page.getByRole('dialog', { name: '第1版を復元しますか？' })).toContainText(
      '訂正より前の内容です。復元すると、訂正した誤りが記事に戻ります',
    );
  });

  test('deletes an article: it leaves every public page, and only an admin can restore it', async ({
    page,
    browser,
  }) => {
    await fillNewArticle(page, { title: 'E2E 削除する記事', slug: 'e2e-admin-deleted' });
    await page.getByRole('button', { name: '今すぐ公開' }).click();
    await confirmPublish(page);
    await expect(page.getByRole('status')).toHaveText('公開しました');
    await page.getByRole('button', { name: '記事を削除する' }).click();
    await page
      .getByRole('dialog', { name: 'この記事を削除しますか？' })
      .getByRole('button', { name: '削除する' })
      .click();
    await expect(page.getByRole('status')).toContainText('記事を削除しました');
    // An editor cannot restore it, so no undo is offered; an admin is (below).
    await expect(page.getByRole('button', { name: /元に戻す/ })).toHaveCount(0);
    expect((await page.request.get('/articles/e2e-admin-deleted')).status()).toBe(404);
    expect(await readText(await page.request.get('/sitemap.xml'))).not.toContain('e2e-admin-deleted');
    await expect(page.getByRole('button', { name: '記事を復元する' })).toHaveCount(0);

    const adminContext = await browser.newContext();
    const admin = await adminContext.newPage();
    await login(admin, ACCOUNTS.admin);
    await admin.goto(page.url().replace(/\?.*$/, ''));
    await admin.getByRole('button', { name: '記事を復元する' }).click();
    // Back as a draft, never live: publishing it again is a decision of its own.
    await expect(admin.getByRole('status')).toContainText('記事を下書きとして復元しました');
    expect((await admin.request.get('/articles/e2e-admin-deleted')).status()).toBe(404);
    await admin.getByRole('button', { name: '今すぐ公開' }).click();
    await confirmPublish(admin);
    await expect(admin.getByRole('status')).toHaveText('公開しました');
    expect((await admin.request.get('/articles/e2e-admin-deleted')).status()).toBe(200);
    await adminContext.close();
  });

  test('finds articles by title, status and category in the list', async ({ page }) => {
    await page.goto('/admin?q=' + encodeURIComponent('即時停戦'));
    await expect(page.getByRole('link', { name: SEED.title }).first()).toBeVisible();
    await expect(page.locator('tbody')).not.toContainText('E2E 経済の続報');
    await page.goto('/admin?category=world&status=published');
    await expect(page.getByRole('link', { name: SEED.title })).toHaveCount(1);
    await page.goto('/admin?status=scheduled');
    await expect(page.locator('tbody')).not.toContainText(SEED.title);
    // A scheduled story says when it goes live.
    const [scheduled] = await query<{ published_at: Date }>(
      "SELECT published_at FROM articles WHERE slug = 'e2e-scheduled'",
    );
    const goesLive = page.locator('tbody tr', { hasText: 'E2E 非公開の記事' }).getByTestId('goes-live');
    await expect(goesLive.first()).toHaveAttribute('dateTime', scheduled!.published_at.toISOString());
    await expect(goesLive.first()).toContainText('予定');
  });

  test('filters the list by author, and reads it on a phone without scrolling sideways', async ({ page }) => {
    await fillNewArticle(page, { title: 'E2E 担当者で探す記事', slug: 'e2e-admin-by-author' });
    await page.getByRole('button', { name: '下書き保存' }).click();
    await expect(page.getByRole('status')).toHaveText('下書きを保存しました');
    await page.goto('/admin');
    await page.getByLabel('担当者').selectOption({ label: ACCOUNTS.editor.name });
    await page.getByRole('button', { name: '絞り込む' }).click();
    await expect(page).toHaveURL(/author=/);
    await expect(page.getByRole('link', { name: 'E2E 担当者で探す記事' })).toBeVisible();
    // Every row is theirs: last saved by them (this editor signs nothing).
    const savers = await page.locator('tbody td[data-label="更新者"]').allTextContents();
    expect(new Set(savers)).toEqual(new Set([ACCOUNTS.editor.name]));

    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto('/admin');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await expect(page.locator('tbody td[data-label="状態"]').first()).toBeVisible();
  });

  test('sees logins and edits in the audit log', async ({ page }) => {
    await page.goto('/admin/audit');
    await expect(page.locator('tbody')).toContainText('ログイン');
    await expect(page.locator('tbody')).toContainText(ACCOUNTS.editor.email);
  });
});

// One test per page: each is a login and four axe scans (e2e/support/axe.ts), which on a loaded machine take seconds.
test('an article’s edit, history and preview pages, and the open dialogs, are usable by keyboard and screen reader: no axe violations', async ({
  page,
}) => {
  await login(page, ACCOUNTS.admin);
  const [row] = await query<{ id: number }>('SELECT id FROM articles WHERE slug = $1', [SEED.slug]);
  for (const path of [
    `/admin/articles/${row!.id}`,
    `/admin/articles/${row!.id}/revisions`,
    `/admin/articles/${row!.id}/preview`,
  ]) {
    expect(await axeViolations(page, path)).toEqual([]);
  }
  // The confirmation dialog, open.
  await page.goto(`/admin/articles/${row!.id}`);
  await page.getByRole('button', { name: '記事を削除する' }).click();
  const AxeBuilder = (await import('@axe-core/playwright')).default;
  expect((await new AxeBuilder({ page }).include('dialog').analyze()).violations.map((v) => v.id)).toEqual([]);
  await page.getByRole('dialog').getByRole('button', { name: 'やめる' }).click();
});

test('the login page is usable by keyboard and screen reader, light and dark, phone and desktop: no axe violations', async ({
  page,
}) => {
  expect(await axeViolations(page, '/admin/login')).toEqual([]);
  // React writes action="" for a Server Action's form, which is invalid HTML (the Nu checker says
  // so); the sign-in forms name their page instead (useActionState's permalink).
  const actions = await page.locator('form').evaluateAll((forms) => forms.map((form) => form.getAttribute('action')));
  expect(actions).toEqual(['/admin/login']);
});

// Light and dark, phone and desktop: the status colours are tokens with AA contrast in both
// schemes (app/globals.css), which the dark scans hold.
for (const path of [
  '/admin',
  '/admin/articles/new',
  '/admin/import',
  '/admin/users',
  '/admin/audit',
  '/admin/messages',
  '/admin/settings',
  '/admin/two-factor',
  '/admin/profile',
  '/admin/front-page',
]) {
  test(`the admin page ${path} is usable by keyboard and screen reader, light and dark, phone and desktop: no axe violations`, async ({
    page,
  }) => {
    await login(page, ACCOUNTS.admin);
    expect(await axeViolations(page, path)).toEqual([]);
  });
}

test('an article can be written and published with the keyboard alone', async ({ page }) => {
  await login(page, ACCOUNTS.editor);
  await page.goto('/admin/articles/new');
  await page.getByLabel('タイトル').focus();
  await page.keyboard.type('E2E キーボードだけの記事');
  await page.keyboard.press('Tab');
  await page.keyboard.type('e2e-admin-keyboard');
  await page.getByLabel('リード', { exact: true }).focus();
  await page.keyboard.type('キーボードで書いたリード。');
  await page.getByLabel('節 1 の見出し').focus();
  await page.keyboard.type('見出し');
  await page.keyboard.press('Tab');
  await page.keyboard.type('本文。');
  await expect(page.getByLabel('節 1 の本文')).toHaveValue('本文。');
  await page.getByLabel('出典がない理由').focus();
  await page.keyboard.type('速報で、資料はまだ公開されていないため。');
  await page.getByRole('button', { name: '今すぐ公開' }).focus();
  await page.keyboard.press('Enter');
  await confirmPublish(page);
  await expect(page.getByRole('status')).toHaveText('公開しました');
  expect((await page.request.get('/articles/e2e-admin-keyboard')).status()).toBe(200);
});
