import { expect, type Page } from '@playwright/test';
import pg from 'pg';
import type { Account } from './fixtures';
import { e2eDatabaseUrl } from './fixtures';

export async function login(page: Page, account: Account): Promise<void> {
  await page.goto('/admin/login');
  await page.getByLabel('メールアドレス').fill(account.email);
  await page.getByLabel('パスワード').fill(account.password);
  await page.getByRole('button', { name: 'ログイン' }).click();
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

/** Counts of every table an admin action could change: equal before and after means nothing changed. */
export async function databaseFingerprint(): Promise<string> {
  const rows = await query<{ t: string; n: string; v: string }>(`
    SELECT 'articles' AS t, count(*)::text AS n, coalesce(sum(version), 0)::text AS v FROM articles
    UNION ALL SELECT 'deleted', count(*)::text, '' FROM articles WHERE deleted_at IS NOT NULL
    UNION ALL SELECT 'published', count(*)::text, '' FROM articles WHERE status = 'published'
    UNION ALL SELECT 'users', count(*)::text, coalesce(string_agg(role || coalesce(banned::text, ''), ',' ORDER BY id), '') FROM users
    UNION ALL SELECT 'accounts', count(*)::text, coalesce(string_agg(password, ',' ORDER BY id), '') FROM accounts
    UNION ALL SELECT 'revisions', count(*)::text, '' FROM article_revisions`);
  return JSON.stringify(rows);
}
