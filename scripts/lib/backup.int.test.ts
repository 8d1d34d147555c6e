import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { backupDatabase, pgDumpMajor, restoreDatabase, serverMajor } from './backup';
import { dropDatabase, ensureDatabase } from './embedded-postgres';
import { applyMigrations } from './migrations';
import { withDatabase } from './test-database';

const serverUrl = withDatabase(inject('databaseUrl'), 'postgres');
const stamp = Date.now().toString(36);
const source = withDatabase(serverUrl, `kiji_backup_src_${stamp}`);
const target = withDatabase(serverUrl, `kiji_backup_dst_${stamp}`);
// pg_dump cannot dump a newer server: where the only pg_dump is older (e.g. Debian's 15 against the
// embedded PostgreSQL 18), this test cannot run; CI uses the machine's own server and tools.
const fits = (await pgDumpMajor()) !== null && (await pgDumpMajor())! >= (await serverMajor(serverUrl));

async function sql(url: string, text: string, params: unknown[] = []) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(text, params)).rows;
  } finally {
    await client.end();
  }
}

const TABLES = ['categories', 'articles', 'sections', 'sources', 'tags', 'article_tags', 'users', 'accounts', 'sessions', 'article_revisions', 'audit_log', 'corrections', '_prisma_migrations'];

async function contents(url: string) {
  const all: Record<string, unknown[]> = {};
  for (const table of TABLES) all[table] = await sql(url, `SELECT * FROM "${table}" ORDER BY 1`);
  return all;
}

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'kiji-backup-'));
  await ensureDatabase(serverUrl, `kiji_backup_src_${stamp}`);
  await ensureDatabase(serverUrl, `kiji_backup_dst_${stamp}`);
  await applyMigrations(source);
  await sql(source, `INSERT INTO categories (slug, name) VALUES ('world', '国際')`);
  await sql(source, `INSERT INTO users (id, name, email, role, updated_at) VALUES ('u1', '編集 太郎', 'taro@example.jp', 'editor', now())`);
  await sql(source, `INSERT INTO accounts (id, account_id, provider_id, user_id, password, updated_at) VALUES ('a1', 'u1', 'credential', 'u1', '$argon2id$x', now())`);
  await sql(source, `INSERT INTO articles (slug, title, lead, status, published_at, updated_at, category_id, disclaimer, search_text, search_bigrams)
                     VALUES ('backup', '停戦の記事', 'リード', 'published', now(), now(), 1, '注記', 'st', ARRAY['停戦'])`);
  await sql(source, `INSERT INTO sections (article_id, position, heading, body, cites) VALUES (1, 0, '見出し', '本文[1]', ARRAY[1])`);
  await sql(source, `INSERT INTO article_revisions (article_id, version, author_id, author_label, snapshot) VALUES (1, 1, 'u1', '編集 太郎', '{"title":"停戦の記事"}')`);
  await sql(source, `INSERT INTO audit_log (actor_id, actor_label, action, detail) VALUES ('u1', 'taro@example.jp', 'article_publish', '{"slug":"backup"}')`);
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
  await dropDatabase(serverUrl, `kiji_backup_src_${stamp}`);
  await dropDatabase(serverUrl, `kiji_backup_dst_${stamp}`);
});

describe('npm run db:backup and db:restore', () => {
  it.skipIf(!fits)('round-trip articles, revisions, users and the audit log, equal in every row', async () => {
    const file = path.join(dir, 'kiji.dump');
    await backupDatabase(source, file);
    await restoreDatabase(target, file);
    expect(await contents(target)).toEqual(await contents(source));
  });

  it.skipIf(!fits)('refuse to restore over a database that holds data', async () => {
    const file = path.join(dir, 'again.dump');
    await backupDatabase(source, file);
    await expect(restoreDatabase(source, file)).rejects.toThrow('not empty');
  });
});
