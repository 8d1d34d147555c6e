import { readFileSync } from 'node:fs';
import { expect, type APIRequestContext, type Page } from '@playwright/test';
import pg from 'pg';
import type { Account } from './fixtures';
import { e2eDatabaseUrl, totpSecretOf } from './fixtures';
import { totpCode } from './totp';

/**
 * Answers the pre-publish dialog (今すぐ公開, 予約公開 and the preview's このまま公開する ask
 * first): checks that it lists what is about to go out, and confirms.
 */
export async function confirmPublish(page: Page, verb: '公開する' | '予約公開する' = '公開する'): Promise<void> {
  const dialog = page.getByTestId('publish-checklist');
  await expect(dialog.getByTestId('check-sources')).toBeVisible();
  await dialog.getByRole('button', { name: verb, exact: true }).click();
}

type Cookies = Awaited<ReturnType<ReturnType<Page['context']>['cookies']>>;

/**
 * An account with two factors signs in once per worker and reuses that session for a while: an
 * authenticator code is good once (lib/auth/second-factor.ts), so each new sign-in of the one admin
 * account waits for a fresh 30-second step, and the many admin tests would queue behind each other.
 * A session younger than SESSION_REUSE_MS is reused (well within the 15 minutes after which
 * sensitive acts ask for a fresh sign-in); one that no longer works (signed out, revoked) is
 * replaced by a real sign-in.
 */
const SESSION_REUSE_MS = 8 * 60_000;
const signedIn = new Map<string, { cookies: Cookies; at: number }>();

/** Logs in through the login form; `origin` names another instance than the shared e2e server. */
export async function login(page: Page, account: Account, origin = ''): Promise<void> {
  const secret = totpSecretOf(account.email);
  const reuse = secret ? signedIn.get(`${origin}|${account.email}`) : undefined;
  if (reuse && Date.now() - reuse.at < SESSION_REUSE_MS) {
    await page.context().addCookies(reuse.cookies);
    await page.goto(`${origin}/admin`);
    const menu = page.getByRole('navigation', { name: '編集部メニュー' });
    if (await menu.isVisible()) return;
    await page.context().clearCookies();
  }
  await signInWithForm(page, account, origin);
  if (secret) signedIn.set(`${origin}|${account.email}`, { cookies: await page.context().cookies(), at: Date.now() });
}

async function signInWithForm(page: Page, account: Account, origin: string): Promise<void> {
  await page.goto(`${origin}/admin/login`);
  await page.getByLabel('メールアドレス').fill(account.email);
  await page.getByLabel('パスワード').fill(account.password);
  await page.getByRole('button', { name: 'ログイン' }).click();
  const secret = totpSecretOf(account.email);
  if (secret) await enterUnusedCode(page, account.email, secret);
  await expect(page.getByRole('navigation', { name: '編集部メニュー' })).toBeVisible();
}

const STEP_MS = 30_000;

/**
 * A code the server has not taken yet for this account. A code is good once (lib/auth/second-factor.ts)
 * and the tests sign one admin in many times a minute, so this picks the earliest step of the
 * server's window (the one before now, now, the one after) later than the last one it accepted;
 * when all of them are used, it waits for the clock to bring the next one into the window.
 */
export async function unusedTotpCode(email: string, secret: string): Promise<string> {
  const [row] = await query<{ step: string | null }>(
    'SELECT max(t.last_totp_step)::text AS step FROM two_factors t JOIN users u ON u.id = t.user_id WHERE u.email = $1',
    [email],
  );
  const last = row?.step ? Number(row.step) : Number.NEGATIVE_INFINITY;
  const now = Math.floor(Date.now() / STEP_MS);
  // The step before now only while it stays in the window until the server has checked it.
  const earliest = Date.now() % STEP_MS < STEP_MS - 5_000 ? now - 1 : now;
  const step = Math.max(earliest, last + 1);
  if (step > now + 1) {
    await expect
      .poll(() => Math.floor(Date.now() / STEP_MS), { timeout: 2 * STEP_MS + 5_000, intervals: [250] })
      .toBeGreaterThanOrEqual(step - 1);
  }
  return totpCode(secret, step * STEP_MS);
}

/**
 * The code step of the login form; tried again when a parallel test took the same code first. The
 * action's own answer says which it was: a redirect on success, none when the code was refused.
 */
export async function enterUnusedCode(page: Page, email: string, secret: string): Promise<void> {
  for (let attempt = 1; ; attempt += 1) {
    await page.getByLabel('確認コード').fill(await unusedTotpCode(email, secret));
    const [answer] = await Promise.all([
      page.waitForResponse(
        (response) =>
          response.request().method() === 'POST' && response.request().headers()['next-action'] !== undefined,
      ),
      page.getByRole('button', { name: '確認', exact: true }).click(),
    ]);
    if (answer.headers()['x-action-redirect'] || attempt === 3) return;
    await expect(page.locator('main').getByRole('alert')).toHaveText('確認コードが正しくありません');
  }
}

/** Reads the e2e server's database directly, to prove what a request did or did not change. */
export async function query<T extends pg.QueryResultRow>(sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: e2eDatabaseUrl() });
  await client.connect();
  try {
    return (await client.query<T>(sql, params)).rows;
  } finally {
    await client.end();
  }
}

/**
 * The rows the security tests aim their requests at: the seed article, the second editor and their
 * password, and anything a hijacked call would create. Equal before and after means the request
 * changed nothing, even while other tests run in parallel.
 */
export async function databaseFingerprint(): Promise<string> {
  const rows = await query(`
    SELECT 'seed' AS t, concat_ws('|', version, status, deleted_at, title, updated_at) AS v FROM articles WHERE slug = 'trump-urges-ceasefire-without-tomahawks'
    UNION ALL SELECT 'corrections', count(*)::text FROM corrections WHERE what_was_wrong = 'hijacked'
    UNION ALL SELECT 'settings', coalesce(string_agg(value, '|'), '') FROM site_settings
    UNION ALL SELECT 'second', concat_ws('|', u.role, u.banned, a.password) FROM users u JOIN accounts a ON a.user_id = u.id WHERE u.email = 'second@kiji.test'
    UNION ALL SELECT 'intruders', count(*)::text FROM users WHERE email IN ('intruder@kiji.test', 'walkin@kiji.test')
    UNION ALL SELECT 'hijacked', count(*)::text FROM articles WHERE title = 'hijacked' OR slug = 'hijacked-import'
    UNION ALL SELECT 'keys', count(*)::text FROM api_keys WHERE name = 'hijacked'
    UNION ALL SELECT 'webhooks', count(*)::text FROM webhook_endpoints WHERE url LIKE 'https://hijacked.example/%'
    UNION ALL SELECT 'claim decisions', count(*)::text FROM claim_decisions d JOIN articles a ON a.id = d.article_id WHERE a.slug = 'trump-urges-ceasefire-without-tomahawks'`);
  return JSON.stringify(rows);
}

type ActionManifest = { node: Record<string, { exportedName: string }> };

/** The id Next gave a Server Action in this build, from its server reference manifest. */
export function actionId(name: string): string {
  const manifest = JSON.parse(readFileSync('.next/server/server-reference-manifest.json', 'utf8')) as ActionManifest;
  const entry = Object.entries(manifest.node).find(([, value]) => value.exportedName === name);
  if (!entry) throw new Error(`no server action named ${name}`);
  return entry[0];
}

/** Every Server Action this build has, by name. */
export function builtActionNames(): string[] {
  const manifest = JSON.parse(readFileSync('.next/server/server-reference-manifest.json', 'utf8')) as ActionManifest;
  return [...new Set(Object.values(manifest.node).map((value) => value.exportedName))].sort();
}

export const ADMIN_ACTIONS = [
  ['loginAction', 2],
  ['signInCodeAction', 2],
  ['startTwoFactorAction', 2],
  ['confirmTwoFactorAction', 2],
  ['turnOffTwoFactorAction', 2],
  ['clearSignInLockAction', 1],
  ['logoutAction', 0],
  ['saveArticleAction', 2],
  ['prePublishChecklistAction', 1],
  ['deleteArticleAction', 1],
  ['restoreArticleAction', 1],
  ['restoreRevisionAction', 1],
  ['parseImportAction', 2],
  ['saveImportedDraftAction', 1],
  ['createUserAction', 2],
  ['updateUserAction', 2],
  ['addCorrectionAction', 1],
  ['updatePublisherTextAction', 1],
  ['markContactHandledAction', 1],
  ['updateProfileAction', 2],
  ['undoAction', 1],
  ['setFrontPageAction', 1],
  ['previewUnsavedAction', 1],
  ['createApiKeyAction', 2],
  ['revokeApiKeyAction', 1],
  ['decideSubmissionAction', 1],
  ['startReviewAction', 1],
  ['factsToDecideAction', 1],
  ['decideFactsAction', 1],
  ['saveWebhookAction', 2],
  ['setWebhookDisabledAction', 1],
  ['sendAgainAction', 1],
  ['setArticlesApiPublicAction', 1],
  ['postLiveUpdateAction', 1],
  ['editLiveUpdateAction', 1],
  ['deleteLiveUpdateAction', 1],
  ['setLiveStateAction', 1],
  ['decideHeldUpdateAction', 1],
  ['setBreakingAction', 1],
  ['clearBreakingAction', 1],
] as const;

/**
 * The page a browser calls an action from: Next answers an action on the pages whose modules import
 * it (each admin domain's actions are their own module, decision 0032), as a browser always posts to
 * the page its form is on. `articleId` for the article page's actions.
 */
export function actionPath(name: string, articleId = '1'): string {
  const pages: Record<string, string> = {
    parseImportAction: '/admin/import',
    saveImportedDraftAction: '/admin/import',
    createUserAction: '/admin/users',
    updateUserAction: '/admin/users',
    clearSignInLockAction: '/admin/users',
    updatePublisherTextAction: '/admin/settings',
    createApiKeyAction: '/admin/keys',
    revokeApiKeyAction: '/admin/keys',
    markContactHandledAction: '/admin/messages',
    updateProfileAction: '/admin/profile',
    setFrontPageAction: '/admin/front-page',
    decideSubmissionAction: '/admin/review',
    startReviewAction: '/admin/review',
    restoreRevisionAction: `/admin/articles/${articleId}/revisions`,
    factsToDecideAction: `/admin/articles/${articleId}`,
    decideFactsAction: `/admin/articles/${articleId}`,
    saveWebhookAction: '/admin/integrations',
    setArticlesApiPublicAction: '/admin/integrations',
    setWebhookDisabledAction: '/admin/integrations/1',
    sendAgainAction: '/admin/integrations/1',
    postLiveUpdateAction: `/admin/articles/${articleId}/live`,
    editLiveUpdateAction: `/admin/articles/${articleId}/live`,
    deleteLiveUpdateAction: `/admin/articles/${articleId}/live`,
    setLiveStateAction: `/admin/articles/${articleId}/live`,
    decideHeldUpdateAction: `/admin/articles/${articleId}/live`,
    setBreakingAction: `/admin/articles/${articleId}/live`,
    clearBreakingAction: `/admin/articles/${articleId}/live`,
  };
  return (
    pages[name] ??
    (/Article|undo|Correction|PrePublish|preview/i.test(name) ? `/admin/articles/${articleId}` : '/admin')
  );
}

/**
 * Calls a Server Action the way React's client does: a POST with the Next-Action header and the
 * arguments encoded as multipart form data (a FormData argument's fields are prefixed "_1_").
 */
export function callAction(
  request: APIRequestContext,
  name: string,
  fields: Record<string, string>,
  { arity, headers = {}, path = '/admin' }: { arity: 0 | 1 | 2; headers?: Record<string, string>; path?: string },
) {
  // React reads a FormData argument's fields ("_1_<name>") before the root "0", so order matters.
  const multipart = new FormData();
  const formRef = 1; // the FormData is the first outlined part, whatever its position
  for (const [key, value] of Object.entries(fields)) multipart.append(`_${formRef}_${key}`, value);
  multipart.append(
    '0',
    JSON.stringify(arity === 0 ? [] : arity === 1 ? [`$K${formRef}`] : ['$undefined', `$K${formRef}`]),
  );
  return request.post(path, {
    headers: { 'Next-Action': actionId(name), Accept: 'text/x-component', ...headers },
    multipart,
    maxRedirects: 0,
  });
}
