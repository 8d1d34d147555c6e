import { expect, test, readText } from './support/test';
import { login, query } from './support/admin';
import { ACCOUNTS } from './support/fixtures';

/**
 * The publisher's pages that news aggregators look for (who publishes, how AI is used, how errors
 * are corrected, how to reach the editors, what is kept about readers), and the contact form,
 * which works without JavaScript as every public page does.
 */

const PUBLISHER_PAGES = [
  { link: '発行者について', path: '/about', heading: '発行者について' },
  { link: 'AI利用方針', path: '/about/ai', heading: 'AI利用方針' },
  { link: '訂正方針', path: '/about/corrections', heading: '訂正方針' },
  { link: 'お問い合わせ', path: '/contact', heading: 'お問い合わせ' },
  { link: 'プライバシーポリシー', path: '/about/privacy', heading: 'プライバシーポリシー' },
];

test('the footer names the publisher and links every publisher page, which the sitemap lists', async ({
  page,
  request,
}) => {
  await page.goto('/');
  const footer = page.locator('footer');
  await expect(footer).toContainText('発行：');
  const sitemap = await readText(await request.get('/sitemap.xml'));
  for (const { link, path, heading } of PUBLISHER_PAGES) {
    await expect(footer.getByRole('navigation').getByRole('link', { name: link, exact: true })).toHaveAttribute(
      'href',
      path,
    );
    await page.goto(path);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(heading);
    expect(sitemap, path).toContain(`${path}</loc>`);
  }
  // Structured data names the contact page and the masthead for machines, where the publisher is
  // described in full (/about; other pages refer to it by @id).
  await page.goto('/about');
  const organization = await page.locator('script[type="application/ld+json"]').allTextContents();
  expect(organization.join('\n')).toContain('"contactType":"editorial"');
});

test.describe.serial('the contact form', () => {
  test('a reader without JavaScript sends two paragraphs, and an editor reads them and marks them handled', async ({
    browser,
    page,
  }) => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const reader = await context.newPage();
    await reader.goto('/contact');
    await reader.getByLabel('お名前（必須）').fill('読者 一郎');
    await reader.getByLabel('メールアドレス（返信をご希望の場合）').fill('ichiro@example.jp');
    // Typed line breaks are sent by the browser as CRLF.
    await reader.getByLabel('お問い合わせの内容（必須）').fill('見出しの数字が違います。\n\n正しくは10号です。');
    await reader.getByRole('button', { name: '送信する' }).click();
    await expect(reader).toHaveURL(/\/contact\/sent$/);
    await expect(reader.getByRole('heading', { level: 1 })).toHaveText('お問い合わせを受け付けました');
    await context.close();

    const [stored] = await query<{ body: string }>("SELECT body FROM contact_messages WHERE name = '読者 一郎'");
    expect(stored?.body).toBe('見出しの数字が違います。\n\n正しくは10号です。');

    await login(page, ACCOUNTS.editor);
    await page.goto('/admin/messages');
    const message = page.locator('article').filter({ hasText: '読者 一郎' });
    await expect(message.getByText('見出しの数字が違います。')).toBeVisible();
    await expect(message.getByText('正しくは10号です。')).toBeVisible();
    await expect(message).toContainText('ichiro@example.jp');
    // Editors do not see where a message came from; admins do.
    await expect(message).not.toContainText('送信元');
    await message.getByRole('button', { name: '対応済みにする' }).click();
    await expect(page.locator('article').filter({ hasText: '読者 一郎' })).toContainText('対応済み');
  });

  test('a sixth message within the hour from one address is refused with a reason, and a bot’s is dropped', async ({
    request,
  }) => {
    const send = (fields: Record<string, string>) => request.post('/contact/send', { form: fields, maxRedirects: 0 });
    const before = Number((await query<{ n: number }>('SELECT count(*)::int AS n FROM contact_messages'))[0]?.n ?? 0);
    const bot = await send({ name: 'bot', body: 'spam', website: 'https://spam.example' });
    expect(bot.status()).toBe(303);
    expect(bot.headers().location).toBe('/contact?error=invalid');
    let refused = false;
    let accepted = 0;
    // The first test may have sent one from this address; at most five are taken an hour.
    for (let attempt = 0; attempt < 6 && !refused; attempt += 1) {
      const response = await send({ name: '連投', email: '', body: `${attempt}通目` });
      expect(response.status()).toBe(303);
      refused = response.headers().location === '/contact?error=rate-limited';
      if (!refused) expect(response.headers().location).toBe('/contact/sent');
      if (!refused) accepted += 1;
    }
    expect(refused).toBe(true);
    expect(accepted).toBeGreaterThanOrEqual(4);
    // Only what was accepted was kept: not the bot's, not the refused one.
    const after = Number((await query<{ n: number }>('SELECT count(*)::int AS n FROM contact_messages'))[0]?.n ?? 0);
    expect(after - before).toBe(accepted);
    const page = await request.get('/contact?error=rate-limited');
    expect(await readText(page)).toContain('1時間ほどおいてから');
  });
});
