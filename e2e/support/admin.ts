import { readFileSync } from 'node:fs';
import { expect, type APIRequestContext, type Page } from '@playwright/test';
import pg from 'pg';
import type { Account } from './fixtures';
import { e2eDatabaseUrl, totpSecretOf } from './fixtures';
import { totpCode } from './totp';

/** Logs in through the login form; `origin` names another instance than the shared e2e server. */
export async function login(page: Page, account: Account, origin = ''): Promise<void> {
  await page.goto(`${origin}/admin/login`);
  await page.getByLabel('メールアドレス').fill(account.email);
  await page.getByLabel('パスワード').fill(account.password);
  await page.getByRole('button', { name: 'ログイン' }).click();
  const secret = totpSecretOf(account.email);
  if (secret) {
    await page.getByLabel('確認コード').fill(totpCode(secret));
    await page.getByRole('button', { name: '確認', exact: true }).click();
  }
  await expect(page.getByRole('navigation', { name: '編集部メニュー' })).toBeVisible();
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
    UNION ALL SELECT 'hijacked', count(*)::text FROM articles WHERE title = 'hijacked' OR slug = 'hijacked-import'`);
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
] as const;

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
