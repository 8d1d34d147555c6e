import { expect, test, readText } from './support/test';
import {
  ADMIN_ACTIONS,
  actionPath,
  builtActionNames,
  callAction,
  databaseFingerprint,
  login,
  query,
} from './support/admin';
import { ACCOUNTS, SEED } from './support/fixtures';
import { totpCode } from './support/totp';

const ADMIN_PAGES = [
  '/admin',
  '/admin/articles/new',
  '/admin/articles/1',
  '/admin/articles/1/preview',
  '/admin/articles/1/revisions',
  '/admin/import',
  '/admin/audit',
  '/admin/users',
  '/admin/messages',
  '/admin/settings',
];

async function seedId(): Promise<string> {
  const [row] = await query<{ id: number }>('SELECT id FROM articles WHERE slug = $1', [SEED.slug]);
  return String(row!.id);
}

/** Plausible arguments for every action, aimed at real rows, so a missing check would show. */
async function argumentsFor(name: string): Promise<Record<string, string>> {
  const id = await seedId();
  const [user] = await query<{ id: string }>('SELECT id FROM users WHERE email = $1', [ACCOUNTS.second.email]);
  const common = { id, version: '1', baseVersion: '1', userId: user!.id };
  switch (name) {
    case 'saveArticleAction':
      return {
        ...common,
        intent: 'unpublish',
        title: 'hijacked',
        slug: SEED.slug,
        category: 'world',
        datelineDate: '2025-10-18',
        disclosure: 'ai-generated',
      };
    case 'saveImportedDraftAction':
      return {
        values: JSON.stringify({
          title: 'hijacked',
          slug: 'hijacked-import',
          category: 'world',
          sections: [],
          sources: [],
          tags: '',
          lead: '',
          disclosure: '',
          disclaimer: '',
          datelineDate: '',
          datelineTime: '',
        }),
      };
    case 'parseImportAction':
      return { text: '題名\n\nリード。\n\n見出し\n\n本文。' };
    case 'createUserAction':
      return { email: 'intruder@kiji.test', name: 'intruder', password: 'intruder passphrase 99', role: 'admin' };
    case 'updateUserAction':
      return { ...common, operation: 'role', role: 'admin' };
    case 'addCorrectionAction':
      return { ...common, whatWasWrong: 'hijacked', whatChanged: 'hijacked' };
    case 'updatePublisherTextAction':
      return { key: 'ai-policy', value: 'hijacked policy' };
    case 'markContactHandledAction':
      return { id: '1' };
    case 'undoAction':
      // Undoing a deletion is a restore: an admin's, whoever was offered the undo.
      return { ...common, kind: 'delete' };
    case 'clearSignInLockAction':
      return { key: `pair:${ACCOUNTS.second.email}|127.0.0.1` };
    case 'createApiKeyAction':
      return { name: 'hijacked', scopes: 'articles:read' };
    case 'saveWebhookAction':
      return { url: 'https://hijacked.example/hook', events: 'article.published' };
    case 'setArticlesApiPublicAction':
      return { open: '1' };
    case 'decideFactsAction':
      return { id, answers: JSON.stringify([{ section: '節', fact: '1人', decision: 'confirmed' }]) };
    case 'loginAction':
      return { email: ACCOUNTS.editor.email, password: 'wrong password here' };
    default:
      return common;
  }
}

test.describe('the admin refuses strangers', () => {
  test('an anonymous visitor to any admin page is sent to the login page', async ({ request }) => {
    for (const path of ADMIN_PAGES) {
      const response = await request.get(path, { maxRedirects: 0 });
      expect([303, 307], path).toContain(response.status());
      expect(response.headers().location, path).toMatch(/\/admin\/login$/);
    }
  });

  test('an anonymous POST to every admin Server Action changes nothing', async ({ request }) => {
    // Every action the build has is in the list, so a new one cannot skip this test.
    expect(ADMIN_ACTIONS.map(([name]) => name).sort()).toEqual(builtActionNames());
    const before = await databaseFingerprint();
    for (const [name, arity] of ADMIN_ACTIONS) {
      const response = await callAction(request, name, await argumentsFor(name), { arity });
      expect(response.status(), name).not.toBe(200);
      expect(await readText(response), name).not.toContain('hijacked');
    }
    expect(await databaseFingerprint()).toBe(before);
  });

  test('the same Server Action call works for a signed-in editor, so the refusal above is real', async ({ page }) => {
    await login(page, ACCOUNTS.editor);
    const response = await callAction(page.request, 'parseImportAction', await argumentsFor('parseImportAction'), {
      arity: 2,
      path: actionPath('parseImportAction'),
    });
    const body = await readText(response);
    expect(response.status()).toBe(200);
    expect(body).toContain('見出し');

    const [throwaway] = await query<{ id: number }>('SELECT id FROM articles WHERE slug = $1', ['e2e-throwaway']);
    await callAction(
      page.request,
      'deleteArticleAction',
      { id: String(throwaway!.id) },
      { arity: 1, path: actionPath('deleteArticleAction', String(throwaway!.id)) },
    );
    const [row] = await query<{ deleted_at: Date | null }>('SELECT deleted_at FROM articles WHERE id = $1', [
      throwaway!.id,
    ]);
    expect(row?.deleted_at).toBeInstanceOf(Date);
  });

  test('a request that claims to be a proxy subrequest still gets nothing', async ({ request }) => {
    const headers = {
      'x-middleware-subrequest': 'proxy:proxy:proxy:proxy:proxy:middleware:middleware:middleware:middleware:middleware',
    };
    for (const path of ['/admin', '/admin/users', '/admin/audit']) {
      const response = await request.get(path, { headers, maxRedirects: 0 });
      expect(response.status(), path).not.toBe(200);
    }
    const before = await databaseFingerprint();
    await callAction(request, 'deleteArticleAction', await argumentsFor('deleteArticleAction'), { arity: 1, headers });
    expect(await databaseFingerprint()).toBe(before);
  });

  test('a POST from a foreign Origin is refused, even with a valid session', async ({ page }) => {
    await login(page, ACCOUNTS.editor);
    const before = await databaseFingerprint();
    const foreign = { Origin: 'https://evil.example', 'X-Forwarded-Host': 'localhost:3100' };
    const response = await callAction(page.request, 'deleteArticleAction', await argumentsFor('deleteArticleAction'), {
      arity: 1,
      headers: { Origin: 'https://evil.example' },
    });
    // Refused before Next, as what it is (a 403 problem document), not as a failure (500 and a digest).
    expect(response.status()).toBe(403);
    expect(response.headers()['content-type']).toContain('application/problem+json');
    const opaque = await callAction(page.request, 'deleteArticleAction', await argumentsFor('deleteArticleAction'), {
      arity: 1,
      headers: { Origin: 'null' },
    });
    expect(opaque.status()).toBe(403);
    const signIn = await page.request.post('/api/auth/sign-in/email', {
      headers: foreign,
      data: { email: ACCOUNTS.editor.email, password: ACCOUNTS.editor.password },
    });
    expect(signIn.status()).toBe(403);
    expect(await databaseFingerprint()).toBe(before);
  });

  test('there is no endpoint to expire caches or run the scheduler, and nobody can sign up', async ({ request }) => {
    expect(
      (
        await request.post('/api/revalidate', { data: { slugs: [SEED.slug], categorySlugs: [], tagSlugs: [] } })
      ).status(),
    ).toBe(404);
    expect((await request.post('/api/internal/publish-due')).status()).toBe(404);
    const before = await databaseFingerprint();
    const signUp = await request.post('/api/auth/sign-up/email', {
      headers: { Origin: 'http://localhost:3100' },
      data: { email: 'walkin@kiji.test', password: 'walk in passphrase 1', name: 'walk-in' },
    });
    expect(signUp.status()).toBeGreaterThanOrEqual(400);
    expect(await databaseFingerprint()).toBe(before);
  });
});

/** Every action only an admin may take (lib/editorial/admin-action.ts declarations), with undo's restore. */
const ADMIN_ONLY_ACTIONS = [
  'createUserAction',
  'updateUserAction',
  'clearSignInLockAction',
  'restoreArticleAction',
  'updatePublisherTextAction',
  'createApiKeyAction',
  'revokeApiKeyAction',
  'undoAction',
  'saveWebhookAction',
  'setWebhookDisabledAction',
  'sendAgainAction',
  'setArticlesApiPublicAction',
];

test.describe('roles', () => {
  test('an editor cannot manage users, by page or by action', async ({ page }) => {
    await login(page, ACCOUNTS.editor);
    await page.goto('/admin/users');
    await expect(page).toHaveURL(/\/admin\?forbidden=1$/);
    await expect(
      page.getByRole('navigation', { name: '編集部メニュー' }).getByRole('link', { name: 'ユーザー' }),
    ).toHaveCount(0);
    const before = await databaseFingerprint();
    for (const name of ADMIN_ONLY_ACTIONS) {
      const arity = ADMIN_ACTIONS.find(([action]) => action === name)![1];
      const path = actionPath(name, await seedId());
      const response = await callAction(page.request, name, await argumentsFor(name), { arity, path });
      const body = await readText(response);
      expect(body, name).not.toContain('アカウントを作成しました');
      // Refused as what it is, an admin's act (decision 0032): 403, never stored, and the client is
      // told to show the dashboard's forbidden page; not a redirect, nor 500 and a digest.
      expect(response.status(), name).toBe(403);
      expect(response.headers()['cache-control'], name).toContain('no-store');
      expect(response.headers()['x-action-redirect'], name).toBeUndefined();
      expect(body, name).toContain('NEXT_HTTP_ERROR_FALLBACK;403');
    }
    expect(await databaseFingerprint()).toBe(before);
  });

  test('a NUL byte in a filter, or an id past the database’s integer, gets a page or a 404, never a 500', async ({
    page,
  }) => {
    await login(page, ACCOUNTS.editor);
    for (const path of ['/admin?q=%00', '/admin?author=%00', '/admin?q=a%00b&author=x%00', '/admin/audit?actor=%00']) {
      const response = await page.request.get(path);
      expect(response.status(), path).toBe(200);
    }
    for (const path of [
      '/admin/articles/2147483648',
      '/admin/articles/2147483648/preview',
      '/admin/articles/2147483648/revisions',
      '/admin/articles/99999999999999999999',
    ]) {
      expect((await page.request.get(path)).status(), path).toBe(404);
    }
    const revisions = await page.request.get(`/admin/articles/${await seedId()}/revisions?from=2147483648&to=1`);
    expect(revisions.status()).toBe(200);
  });

  test('an admin creates a user, changes the role and resets the password', async ({ page, browser }) => {
    await login(page, ACCOUNTS.admin);
    await page.goto('/admin/users');
    await page.getByLabel('メールアドレス').fill('newcomer@kiji.test');
    await page.getByLabel('名前').fill('新人 五郎');
    await page.getByLabel('初期パスワード（12文字以上）').fill('short');
    await page.getByRole('button', { name: 'アカウントを作成' }).click();
    await expect(page.locator('main').getByRole('alert')).toContainText('12文字以上');
    await page.getByLabel('初期パスワード（12文字以上）').fill('goro no himitsu 2025');
    await page.getByRole('button', { name: 'アカウントを作成' }).click();
    await expect(page.locator('main').getByRole('status')).toHaveText('アカウントを作成しました');
    await page.reload();
    await page.getByLabel('newcomer@kiji.test の権限').selectOption('admin');
    const row = page.locator('tr', { hasText: 'newcomer@kiji.test' });
    await row.getByRole('button', { name: '権限を変更' }).click();
    await expect(row.getByRole('status')).toHaveText('権限を変更しました');
    await row.getByLabel('newcomer@kiji.test の新しいパスワード').fill('goro no atarashii 2026');
    await row.getByRole('button', { name: 'パスワードを再設定' }).click();
    await expect(row.getByRole('status')).toHaveText('パスワードを再設定しました');

    const other = await browser.newContext();
    const newcomer = await other.newPage();
    await newcomer.goto('/admin/login');
    await newcomer.getByLabel('メールアドレス').fill('newcomer@kiji.test');
    await newcomer.getByLabel('パスワード').fill('goro no atarashii 2026');
    await newcomer.getByRole('button', { name: 'ログイン' }).click();
    // An admin signs in with two factors: until set up, that page is all a new admin gets.
    await expect(newcomer).toHaveURL(/\/admin\/two-factor\?required=1$/);
    await newcomer.goto('/admin/users');
    await expect(newcomer).toHaveURL(/\/admin\/two-factor\?required=1$/);
    await newcomer.getByLabel('パスワード').fill('goro no atarashii 2026');
    await newcomer.getByRole('button', { name: '設定を始める' }).click();
    const secret = (await newcomer.getByTestId('totp-secret').textContent())!.trim();
    await newcomer.getByLabel('確認コード').fill(totpCode(secret));
    await newcomer.getByRole('button', { name: '設定を完了する' }).click();
    await expect(newcomer.getByRole('status')).toContainText('二段階認証を設定しました');
    await newcomer.goto('/admin/users');
    await expect(newcomer.getByRole('heading', { level: 1 })).toHaveText('ユーザー');
    await other.close();
  });

  test('disabling a user ends all of that user’s sessions at once', async ({ page, browser }) => {
    const theirs = await browser.newContext();
    const them = await theirs.newPage();
    await login(them, ACCOUNTS.disabled);
    await login(page, ACCOUNTS.admin);
    await page.goto('/admin/users');
    await page.getByRole('button', { name: `${ACCOUNTS.disabled.email} を無効にする` }).click();
    await page
      .getByRole('dialog', { name: `${ACCOUNTS.disabled.email} を無効にしますか？` })
      .getByRole('button', { name: '無効にする' })
      .click();
    const row = page.locator('tr', { hasText: ACCOUNTS.disabled.email });
    await expect(row.getByRole('status')).toHaveText('アカウントを無効にしました');
    // The row itself says so without a reload: its state, and the button that undoes it.
    await expect(row.locator('td').nth(2)).toHaveText('無効');
    await expect(row.getByRole('button', { name: `${ACCOUNTS.disabled.email} を有効にする` })).toBeVisible();
    await them.goto('/admin');
    await expect(them).toHaveURL(/\/admin\/login$/);
    await theirs.close();
    expect(
      await query('SELECT 1 FROM sessions s JOIN users u ON u.id = s.user_id WHERE u.email = $1', [
        ACCOUNTS.disabled.email,
      ]),
    ).toHaveLength(0);
  });
});

test.describe('sessions and passwords', () => {
  test('the session cookie is HttpOnly, SameSite=Lax and Secure, and logging out ends the session', async ({
    page,
    context,
  }) => {
    await login(page, ACCOUNTS.second);
    const cookie = (await context.cookies()).find((candidate) => candidate.name.endsWith('session_token'));
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', secure: true });
    await page.getByRole('button', { name: 'ログアウト' }).click();
    await expect(page).toHaveURL(/\/admin\/login$/);
    const [{ n }] = (await query<{ n: number }>(
      'SELECT count(*)::int AS n FROM sessions s JOIN users u ON u.id = s.user_id WHERE u.email = $1 AND s.token = $2',
      [ACCOUNTS.second.email, decodeURIComponent(cookie!.value).split('.')[0]],
    )) as [{ n: number }];
    expect(n).toBe(0);
  });

  test('sign-in failures get one generic message, and the brute-force limit holds, counted in the database', async ({
    page,
  }) => {
    const attempt = async (email: string, password: string) => {
      await page.goto('/admin/login');
      await page.getByLabel('メールアドレス').fill(email);
      await page.getByLabel('パスワード').fill(password);
      await page.getByRole('button', { name: 'ログイン' }).click();
      return page.locator('main').getByRole('alert').textContent();
    };
    const unknown = await attempt('nobody@kiji.test', 'whatever password 1');
    for (let i = 0; i < 5; i += 1) expect(await attempt(ACCOUNTS.lockout.email, `wrong password ${i}`)).toBe(unknown);
    expect(await attempt(ACCOUNTS.lockout.email, ACCOUNTS.lockout.password)).toContain('試行が多すぎます');
    // The browser reaches the server over IPv6 or IPv4 loopback: whichever, it is this one address.
    const [row] = await query<{ failures: number }>('SELECT failures FROM login_throttles WHERE key LIKE $1', [
      `pair:${ACCOUNTS.lockout.email}|%`,
    ]);
    expect(row?.failures).toBeGreaterThanOrEqual(5);
    // Aggregated: the first failure and the lock, not one entry per attempt.
    const entries = await query<{ action: string }>(
      "SELECT action FROM audit_log WHERE actor_label = $1 AND action LIKE 'login%' ORDER BY id",
      [ACCOUNTS.lockout.email],
    );
    expect(entries.map((entry) => entry.action)).toEqual(['login_failed', 'login_locked']);
  });

  test('no admin response carries a password or a password hash', async ({ page }) => {
    await login(page, ACCOUNTS.admin);
    const secrets = [...Object.values(ACCOUNTS).map((account) => account.password), '$argon2id$'];
    for (const path of ['/admin', '/admin/users', '/admin/audit', `/admin/articles/${await seedId()}`]) {
      const body = await readText(await page.request.get(path));
      for (const secret of secrets) expect(body, path).not.toContain(secret);
    }
  });

  test('admin responses are never stored by a cache', async ({ page }) => {
    expect((await page.request.get('/admin/login')).headers()['cache-control']).toBe('private, no-store');
    await login(page, ACCOUNTS.editor);
    for (const path of ['/admin', '/admin/articles/new', `/admin/articles/${await seedId()}/preview`]) {
      expect((await page.request.get(path)).headers()['cache-control'], path).toBe('private, no-store');
    }
  });
});
