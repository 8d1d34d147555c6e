import { connect } from 'node:net';
import { request as httpRequest } from 'node:http';
import type { Page } from '@playwright/test';
import { expect, test, readText } from './support/test';
import { enterUnusedCode, login, query, unusedTotpCode } from './support/admin';
import { ACCOUNTS, e2ePort, SECURITY_CONTACT, totpSecretOf, type Account } from './support/fixtures';
import { totpCode } from './support/totp';

/**
 * Sign-in security, as an attacker talking to Kiji's server directly would probe it (issue #15).
 * Each attacker here comes from an address of its own on the loopback network (127.0.0.x), which is
 * what the server sees as the socket's peer: no header can choose it.
 */

type Answer = { status: number; body: string; headers: Record<string, string | string[] | undefined> };

function signInFrom(
  localAddress: string,
  email: string,
  password: string,
  headers: Record<string, string> = {},
): Promise<Answer> {
  const body = JSON.stringify({ email, password });
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest(
      {
        host: '127.0.0.1',
        port: e2ePort,
        localAddress,
        method: 'POST',
        path: '/api/auth/sign-in/email',
        agent: false,
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
          origin: `http://localhost:${e2ePort}`,
          ...headers,
        },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () =>
          resolve({
            status: response.statusCode ?? 0,
            body: Buffer.concat(chunks).toString(),
            headers: response.headers,
          }),
        );
      },
    );
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}

/** Writes raw bytes to the server and resolves with the status line of its answer. */
function rawExchange(send: (socket: import('node:net').Socket) => void): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port: e2ePort }, () => send(socket));
    let received = '';
    socket.on('data', (chunk) => {
      received += chunk.toString('latin1');
      if (received.includes('\r\n\r\n')) {
        resolve(received);
        socket.destroy();
      }
    });
    socket.on('error', (error) => (received ? resolve(received) : reject(error)));
    socket.on('close', () => resolve(received));
  });
}

async function signInWithCode(page: Page, account: Account, code: string, kind: 'app' | 'recovery') {
  await page.goto('/admin/login');
  await page.getByLabel('メールアドレス').fill(account.email);
  await page.getByLabel('パスワード').fill(account.password);
  await page.getByRole('button', { name: 'ログイン' }).click();
  if (kind === 'app') {
    await page.getByLabel('確認コード').fill(code);
    await page.getByRole('button', { name: '確認', exact: true }).click();
  } else {
    await page.getByText('認証アプリが使えないとき（回復コード）').click();
    await page.getByLabel('回復コード').fill(code);
    await page.getByRole('button', { name: '回復コードでログイン' }).click();
  }
}

test.describe('sign-in throttling', () => {
  test('a spoofed X-Forwarded-For does not give an attacker a fresh throttle', async () => {
    for (let i = 0; i < 5; i += 1) {
      const answer = await signInFrom('127.0.0.21', ACCOUNTS.spoofed.email, `wrong password ${i}`, {
        'x-forwarded-for': `198.51.100.${i + 1}`,
      });
      expect(answer.status).toBe(401);
    }
    const sixth = await signInFrom('127.0.0.21', ACCOUNTS.spoofed.email, ACCOUNTS.spoofed.password, {
      'x-forwarded-for': '198.51.100.99',
      'x-kiji-client-address': '198.51.100.98',
    });
    expect(sixth.status).toBe(429);
    // Counted against the real peer, and the audit log holds the real address too.
    const [row] = await query<{ failures: number }>('SELECT failures FROM login_throttles WHERE key = $1', [
      `pair:${ACCOUNTS.spoofed.email}|127.0.0.21`,
    ]);
    expect(row?.failures).toBeGreaterThanOrEqual(5);
    const forged = await query("SELECT 1 FROM audit_log WHERE detail->>'ip' LIKE '198.51.100.%'");
    expect(forged).toHaveLength(0);
  });

  test('a stranger cannot lock the owner out, and an admin can see and clear the stranger’s lock', async ({ page }) => {
    const stranger = '127.0.0.22';
    const statuses: number[] = [];
    for (let i = 0; i < 8; i += 1) {
      statuses.push((await signInFrom(stranger, ACCOUNTS.owner.email, `guess number ${i}`)).status);
    }
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429, 429, 429]);
    // Even the right password from the stranger's address is refused now…
    expect((await signInFrom(stranger, ACCOUNTS.owner.email, ACCOUNTS.owner.password)).status).toBe(429);
    // …but the owner, from their own address, signs in.
    const owner = await signInFrom('127.0.0.23', ACCOUNTS.owner.email, ACCOUNTS.owner.password);
    expect(owner.status).toBe(200);

    await login(page, ACCOUNTS.admin);
    await page.goto('/admin/users');
    const lock = page.locator('tr', { hasText: ACCOUNTS.owner.email }).filter({ hasText: stranger });
    await expect(lock.getByRole('button', { name: '制限を解除' })).toBeVisible();
    await lock.getByRole('button', { name: '制限を解除' }).click();
    await expect(page.locator('tr', { hasText: ACCOUNTS.owner.email }).filter({ hasText: stranger })).toHaveCount(0);
    expect((await signInFrom(stranger, ACCOUNTS.owner.email, ACCOUNTS.owner.password)).status).toBe(200);
    const [unlock] = await query<{ actor_label: string }>(
      "SELECT actor_label FROM audit_log WHERE action = 'login_unlock' AND detail->>'key' = $1",
      [`pair:${ACCOUNTS.owner.email}|${stranger}`],
    );
    expect(unlock?.actor_label).toBe(ACCOUNTS.admin.email);
  });

  test('twenty parallel wrong passwords get exactly five password checks, and two audit entries', async () => {
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) => signInFrom('127.0.0.24', ACCOUNTS.racer.email, `parallel guess ${i}`)),
    );
    expect(answers.filter((answer) => answer.status === 401)).toHaveLength(5);
    expect(answers.filter((answer) => answer.status === 429)).toHaveLength(15);
    const entries = await query<{ action: string }>(
      "SELECT action FROM audit_log WHERE actor_label = $1 AND action LIKE 'login%' ORDER BY id",
      [ACCOUNTS.racer.email],
    );
    expect(entries.map((entry) => entry.action)).toEqual(['login_failed', 'login_locked']);
  });

  test('a disabled account’s right password gets the same answer as a wrong one', async () => {
    const right = await signInFrom('127.0.0.25', ACCOUNTS.banned.email, ACCOUNTS.banned.password);
    const wrong = await signInFrom('127.0.0.25', ACCOUNTS.banned.email, 'not the password at all');
    const unknown = await signInFrom('127.0.0.25', 'nobody-at-all@kiji.test', 'not the password at all');
    expect(right.status).toBe(401);
    expect({ status: right.status, body: right.body }).toEqual({ status: wrong.status, body: wrong.body });
    expect({ status: unknown.status, body: unknown.body }).toEqual({ status: wrong.status, body: wrong.body });
  });
});

test.describe('what the server refuses before reading', () => {
  test('TRACE and other unsupported methods get 405 with the security headers', async () => {
    for (const method of ['TRACE', 'PUT', 'DELETE']) {
      const head = await rawExchange((socket) =>
        socket.write(`${method} / HTTP/1.1\r\nHost: localhost:${e2ePort}\r\nConnection: close\r\n\r\n`),
      );
      expect(head, method).toMatch(/^HTTP\/1\.1 405 /);
      // The home page's own methods, from the route table.
      expect(head.toLowerCase()).toContain('allow: get, head, options');
      expect(head.toLowerCase()).toContain('x-frame-options: deny');
      expect(head.toLowerCase()).toContain('x-content-type-options: nosniff');
    }
  });

  test('an endless body without a length is refused before it is read: 405 where the route takes none, 411 where Next would read it', async () => {
    for (const [path, status] of [
      ['/search', 405],
      ['/admin/front-page', 411],
    ] as const) {
      const head = await rawExchange((socket) => {
        socket.write(
          `POST ${path} HTTP/1.1\r\nHost: localhost:${e2ePort}\r\nCookie: better-auth.session_token=x\r\nTransfer-Encoding: chunked\r\n\r\n`,
        );
        // A first chunk of a body that would never end: the answer comes without waiting for more.
        socket.write(`400\r\n${'a'.repeat(1024)}\r\n`);
      });
      expect(head, path).toMatch(new RegExp(`^HTTP/1\\.1 ${status} `));
    }
  });

  test('a 20 MB body gets 413 after its first kilobyte, so it is never read into memory', async () => {
    const declared = 20 * 1024 * 1024;
    const head = await rawExchange((socket) => {
      socket.write(
        `POST /api/auth/sign-in/email HTTP/1.1\r\nHost: localhost:${e2ePort}\r\nContent-Type: application/json\r\nContent-Length: ${declared}\r\n\r\n`,
      );
      // Only the first kilobyte is ever sent: an answer proves the server did not wait for the rest.
      socket.write('{"email":"' + 'a'.repeat(1024));
    });
    expect(head).toMatch(/^HTTP\/1\.1 413 /);
  });

  test('a body sent in chunks without a length is cut off at the limit with 413', async () => {
    const head = await rawExchange((socket) => {
      socket.write(
        `POST /api/auth/sign-in/email HTTP/1.1\r\nHost: localhost:${e2ePort}\r\nContent-Type: application/json\r\nOrigin: http://localhost:${e2ePort}\r\nTransfer-Encoding: chunked\r\n\r\n`,
      );
      const chunk = 'a'.repeat(16 * 1024);
      // 160 KB of a body that never ends: the server must answer without its end.
      for (let i = 0; i < 10; i += 1) socket.write(`${chunk.length.toString(16)}\r\n${chunk}\r\n`);
    });
    expect(head).toMatch(/^HTTP\/1\.1 413 /);
  });
});

test.describe('Better Auth endpoints Kiji does not use', () => {
  test('are closed: an editor cannot rename themselves, change roles or list sessions through them', async ({
    page,
  }) => {
    await login(page, ACCOUNTS.veteran);
    const origin = { Origin: `http://localhost:${e2ePort}` };
    const attempts = [
      ['/api/auth/update-user', { name: 'sec-admin' }],
      ['/api/auth/change-email', { newEmail: 'taken@kiji.test' }],
      ['/api/auth/change-password', { currentPassword: ACCOUNTS.veteran.password, newPassword: 'x'.repeat(20) }],
      ['/api/auth/admin/set-role', { userId: 'x', role: 'admin' }],
      ['/api/auth/two-factor/disable', { password: ACCOUNTS.veteran.password }],
      ['/api/auth/sign-up/email', { email: 'walkin2@kiji.test', password: 'walk in passphrase 2', name: 'w' }],
    ] as const;
    for (const [path, data] of attempts) {
      const response = await page.request.post(path, { headers: origin, data });
      expect(response.status(), path).toBe(404);
    }
    for (const path of ['/api/auth/list-sessions', '/api/auth/admin/list-users', '/api/auth/get-session']) {
      expect((await page.request.get(path)).status(), path).toBe(404);
    }
    const [user] = await query<{ name: string }>('SELECT name FROM users WHERE email = $1', [ACCOUNTS.veteran.email]);
    expect(user?.name).toBe(ACCOUNTS.veteran.name);
  });
});

test.describe('sessions', () => {
  test('a session ends a day after its sign-in, however busy it has been', async ({ page, context }) => {
    await login(page, ACCOUNTS.veteran);
    const cookie = (await context.cookies()).find((candidate) => candidate.name.endsWith('session_token'))!;
    const token = decodeURIComponent(cookie.value).split('.')[0];
    // In use a minute ago, begun 25 hours ago.
    await query(
      "UPDATE sessions SET created_at = now() - interval '25 hours', updated_at = now() - interval '1 minute' WHERE token = $1",
      [token],
    );
    await page.goto('/admin');
    await expect(page).toHaveURL(/\/admin\/login$/);
    expect(await query('SELECT 1 FROM sessions WHERE token = $1', [token])).toHaveLength(0);
  });

  test('managing users asks an admin to sign in again once the sign-in is older than fifteen minutes', async ({
    page,
    context,
  }) => {
    await login(page, ACCOUNTS.admin);
    const cookie = (await context.cookies()).find((candidate) => candidate.name.endsWith('session_token'))!;
    const token = decodeURIComponent(cookie.value).split('.')[0];
    await query("UPDATE sessions SET created_at = now() - interval '20 minutes' WHERE token = $1", [token]);
    await page.goto('/admin/users');
    await expect(page).toHaveURL(/\/admin\/login\?reauth=1&next=%2Fadmin%2Fusers$/);
    await expect(page.getByText('本人確認のためもう一度ログインしてください')).toBeVisible();
    await page.getByLabel('パスワード').fill(ACCOUNTS.admin.password);
    await page.getByRole('button', { name: 'ログイン' }).click();
    await enterUnusedCode(page, ACCOUNTS.admin.email, totpSecretOf(ACCOUNTS.admin.email)!);
    await expect(page).toHaveURL(/\/admin\/users$/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('ユーザー');
    // The old session is gone: only the fresh sign-in remains in this browser.
    expect(await query('SELECT 1 FROM sessions WHERE token = $1', [token])).toHaveLength(0);
  });
});

test.describe('two-factor sign-in', () => {
  test('an editor sets it up, then signs in with a code from the app, and once with a recovery code', async ({
    browser,
  }) => {
    const account = ACCOUNTS.twoFactor;
    const first = await browser.newContext();
    const page = await first.newPage();
    await login(page, account);
    await page.getByRole('navigation', { name: '編集部メニュー' }).getByRole('link', { name: '二段階認証' }).click();
    await page.getByLabel('パスワード').fill(account.password);
    await page.getByRole('button', { name: '設定を始める' }).click();
    const secret = (await page.getByTestId('totp-secret').textContent())!.trim();
    const recoveryCodes = (await page.getByTestId('recovery-codes').getByRole('listitem').allTextContents()).map(
      (code) => code.trim(),
    );
    expect(recoveryCodes).toHaveLength(10);
    await expect(page.getByRole('img', { name: '認証アプリで読み取るQRコード' })).toBeVisible();
    await page.getByLabel('確認コード').fill('000000' === totpCode(secret) ? '111111' : '000000');
    await page.getByRole('button', { name: '設定を完了する' }).click();
    await expect(page.locator('main').getByRole('alert')).toHaveText('確認コードが正しくありません');
    await page.getByLabel('確認コード').fill(totpCode(secret));
    await page.getByRole('button', { name: '設定を完了する' }).click();
    await expect(page.getByRole('status')).toContainText('二段階認証を設定しました');
    await first.close();

    const second = await browser.newContext();
    const withApp = await second.newPage();
    const code = await unusedTotpCode(account.email, secret);
    await signInWithCode(withApp, account, code, 'app');
    await expect(withApp.getByRole('navigation', { name: '編集部メニュー' })).toBeVisible();
    await second.close();

    // A code is good once: the same code again, within its 30 seconds, is refused.
    const replay = await browser.newContext();
    const replayed = await replay.newPage();
    await signInWithCode(replayed, account, code, 'app');
    await expect(replayed.locator('main').getByRole('alert')).toHaveText('確認コードが正しくありません');
    await replay.close();

    const third = await browser.newContext();
    const withRecovery = await third.newPage();
    await signInWithCode(withRecovery, account, recoveryCodes[0]!, 'recovery');
    await expect(withRecovery.getByRole('navigation', { name: '編集部メニュー' })).toBeVisible();
    await third.close();

    // A recovery code works once.
    const fourth = await browser.newContext();
    const reused = await fourth.newPage();
    await signInWithCode(reused, account, recoveryCodes[0]!, 'recovery');
    await expect(reused.locator('main').getByRole('alert')).toHaveText('確認コードが正しくありません');
    await fourth.close();

    const logins = await query<{ method: string }>(
      "SELECT detail->>'method' AS method FROM audit_log WHERE action = 'login' AND actor_label = $1 ORDER BY id",
      [account.email],
    );
    expect(logins.map((entry) => entry.method)).toEqual(['password', 'totp', 'recovery-code']);
  });

  test('a password alone does not sign in an account with two factors', async () => {
    const answer = await signInFrom('127.0.0.26', ACCOUNTS.admin.email, ACCOUNTS.admin.password);
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body)).toMatchObject({ twoFactorRedirect: true });
    const cookies = ([] as string[]).concat(answer.headers['set-cookie'] ?? []);
    expect(cookies.some((cookie) => /session_token=[^;]+/.test(cookie) && !/Max-Age=0/.test(cookie))).toBe(false);
  });
});

test.describe('the audit log', () => {
  test('shows sign-in addresses to admins only', async ({ page, browser }) => {
    await login(page, ACCOUNTS.veteran);
    await page.goto('/admin/audit');
    await expect(page.getByRole('cell', { name: 'ログイン', exact: true }).first()).toBeVisible();
    // An editor reads the log in words, without any sign-in's address.
    await expect(page.locator('main')).toContainText('方法: password');
    expect(await page.locator('main').textContent()).not.toMatch(/アドレス:|::1|127\.0\.0\.\d/);
    // Sign-ins do not bury editorial actions: the log filters them out in one choice.
    await page.getByLabel('操作').selectOption('editorial');
    await page.getByRole('button', { name: '絞り込む' }).click();
    await expect(page).toHaveURL(/action=editorial/);
    await expect(page.locator('tbody tr').first()).toBeVisible();
    await expect(page.getByRole('cell', { name: 'ログイン', exact: true })).toHaveCount(0);
    const adminContext = await browser.newContext();
    const admin = await adminContext.newPage();
    await login(admin, ACCOUNTS.admin);
    await admin.goto('/admin/audit');
    await expect(admin.locator('main')).toContainText(/アドレス: (::1|127\.0\.0\.1)/);
    await adminContext.close();
  });
});

test('security.txt names the operator’s contact, per RFC 9116', async ({ request }) => {
  const response = await request.get('/.well-known/security.txt');
  expect(response.status()).toBe(200);
  expect(response.headers()['content-type']).toContain('text/plain');
  const text = await readText(response);
  expect(text).toContain(`Contact: ${SECURITY_CONTACT}`);
  const expires = /^Expires: (.+)$/m.exec(text)?.[1];
  expect(new Date(expires!).getTime()).toBeGreaterThan(Date.now());
  expect(text).toContain(`Canonical: http://localhost:${e2ePort}/.well-known/security.txt`);
});
