import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { backupDatabase, restoreDatabase } from './backup';
import {
  dropDatabase,
  ensureDatabase,
  freePort,
  startEmbeddedPostgres,
  type RunningPostgres,
} from './embedded-postgres';
import { applyMigrations } from './migrations';
import { withDatabase } from './test-database';

// Both servers every run: the test server (the machine's PostgreSQL 15 in CI, when
// TEST_DATABASE_URL names it) and an embedded PostgreSQL 18, the zero-setup default.
const testServerUrl = withDatabase(inject('databaseUrl'), 'postgres');
let embedded: RunningPostgres;
let embeddedDir: string;
const stamp = Date.now().toString(36);
let counter = 0;

async function sql(url: string, text: string, params: unknown[] = []) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(text, params)).rows;
  } finally {
    await client.end();
  }
}

const TABLES = [
  'categories',
  'articles',
  'sections',
  'sources',
  'tags',
  'article_tags',
  'users',
  'accounts',
  'sessions',
  'article_revisions',
  'audit_log',
  'corrections',
  '_prisma_migrations',
];

async function contents(url: string) {
  const all: Record<string, unknown[]> = {};
  for (const table of TABLES) all[table] = await sql(url, `SELECT * FROM "${table}" ORDER BY 1`);
  return all;
}

const created: { server: string; name: string }[] = [];
async function freshDatabase(server: string): Promise<string> {
  const name = `kiji_backup_${stamp}_${counter++}`;
  await ensureDatabase(server, name);
  created.push({ server, name });
  return withDatabase(server, name);
}

/** A database holding one of everything, with text that COPY must escape (line breaks, tabs, backslashes). */
async function sourceDatabase(server: string): Promise<string> {
  const source = await freshDatabase(server);
  await applyMigrations(source);
  await sql(source, `INSERT INTO categories (slug, name) VALUES ('world', '国際')`);
  await sql(
    source,
    `INSERT INTO users (id, name, email, role, updated_at) VALUES ('u1', '編集 太郎', 'taro@example.jp', 'editor', now())`,
  );
  await sql(
    source,
    `INSERT INTO accounts (id, account_id, provider_id, user_id, password, updated_at) VALUES ('a1', 'u1', 'credential', 'u1', '$argon2id$x', now())`,
  );
  await sql(
    source,
    `INSERT INTO articles (slug, title, lead, status, published_at, updated_at, category_id, disclaimer, search_text, search_bigrams)
                     VALUES ('backup', '停戦の記事', E'リード\\n二行目\\t\\\\', 'published', now(), now(), (SELECT id FROM categories WHERE slug = 'world'), '注記', 'st', ARRAY['停戦'])`,
  );
  await sql(
    source,
    `INSERT INTO sections (article_id, position, heading, body, cites) VALUES ((SELECT id FROM articles), 0, '見出し', E'本文[1]\\n\\n二段落目', ARRAY[1])`,
  );
  await sql(
    source,
    `INSERT INTO article_revisions (article_id, version, author_id, author_label, snapshot) VALUES ((SELECT id FROM articles), 1, 'u1', '編集 太郎', '{"title":"停戦の記事"}')`,
  );
  await sql(
    source,
    `INSERT INTO audit_log (actor_id, actor_label, action, detail) VALUES ('u1', 'taro@example.jp', 'article_publish', '{"slug":"backup"}')`,
  );
  return source;
}

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'kiji-backup-'));
  embeddedDir = await mkdtemp(path.join(tmpdir(), 'kiji-pg-backup-'));
  await chmod(embeddedDir, 0o755);
  embedded = await startEmbeddedPostgres({
    dataDir: path.join(embeddedDir, 'data'),
    port: await freePort(),
    persistent: false,
  });
});

afterAll(async () => {
  for (const { server, name } of created) await dropDatabase(server, name).catch(() => {});
  await embedded?.stop();
  await rm(embeddedDir, { recursive: true, force: true });
  await rm(dir, { recursive: true, force: true });
});

const servers = () => ({ test: testServerUrl, embedded: embedded.url('postgres') });

describe('npm run db:backup and db:restore', () => {
  it.each([
    ['the test server', 'test', 'test'],
    ['the embedded PostgreSQL 18', 'embedded', 'embedded'],
    ['the embedded PostgreSQL 18 into the test server', 'embedded', 'test'],
  ] as const)(
    'round-trip articles, revisions, users and the audit log on %s, equal in every row',
    async (_, from, to) => {
      const source = await sourceDatabase(servers()[from]);
      const target = await freshDatabase(servers()[to]);
      const file = path.join(dir, `${from}-${to}.kiji-backup.gz`);
      await backupDatabase(source, file);
      await restoreDatabase(target, file);
      expect(await contents(target)).toEqual(await contents(source));
      // Sequences carry on where the source stopped: the next article does not collide.
      const [next] = await sql(
        target,
        `INSERT INTO articles (slug, title, lead, status, updated_at, category_id, disclaimer, search_text, search_bigrams)
      VALUES ('after', 't', 'l', 'draft', now(), (SELECT id FROM categories LIMIT 1), 'd', 's', ARRAY[]::text[]) RETURNING id`,
      );
      const [max] = await sql(source, 'SELECT max(id) AS id FROM articles');
      expect(Number(next.id)).toBeGreaterThan(Number(max.id));
    },
  );

  it('refuse to restore over a database that holds data', async () => {
    const source = await sourceDatabase(servers().test);
    const file = path.join(dir, 'again.kiji-backup.gz');
    await backupDatabase(source, file);
    await expect(restoreDatabase(source, file)).rejects.toThrow('not empty');
  });

  it('refuse a file that is not a whole backup, and leave the target empty', async () => {
    const source = await sourceDatabase(servers().test);
    const file = path.join(dir, 'whole.kiji-backup.gz');
    await backupDatabase(source, file);
    const notBackup = path.join(dir, 'not-a-backup.gz');
    await writeFile(notBackup, gzipSync('hello\n'));
    await expect(restoreDatabase(await freshDatabase(servers().test), notBackup)).rejects.toThrow('not a Kiji backup');
    const { gunzipSync } = await import('node:zlib');
    const { readFile } = await import('node:fs/promises');
    const text = gunzipSync(await readFile(file)).toString('utf8');
    const truncated = path.join(dir, 'truncated.kiji-backup.gz');
    await writeFile(truncated, gzipSync(text.slice(0, text.indexOf('END '))));
    const target = await freshDatabase(servers().test);
    await expect(restoreDatabase(target, truncated)).rejects.toThrow('incomplete');
    const [articles] = await sql(target, 'SELECT count(*)::int AS n FROM articles');
    expect(articles.n).toBe(0);
  });
});
