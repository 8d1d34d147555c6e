import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { freePort } from './lib/embedded-postgres';
import { afterAll, describe, expect, inject, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));
const seedPath = path.join(root, 'prisma/seed/articles/000_860667d7943f974c.txt');
const work = mkdtempSync(path.join(tmpdir(), 'kiji-import-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const REASON = ['--no-sources-reason', '元の記事に出典の記載がないため'];

function runImport(...args: string[]) {
  return runImportWith({}, ...args);
}

function runImportWith(env: Record<string, string>, ...args: string[]) {
  const result = spawnSync(
    process.execPath,
    ['--conditions=react-server', '--import', 'tsx', 'scripts/import.ts', ...args],
    {
      cwd: root,
      env: { ...process.env, DATABASE_URL: inject('databaseUrl'), ...env },
      encoding: 'utf8',
    },
  );
  return { code: result.status, stdout: result.stdout.trim(), stderr: result.stderr.trim() };
}

async function articleCount(): Promise<number> {
  const client = new pg.Client({ connectionString: inject('databaseUrl') });
  await client.connect();
  const { rows } = await client.query<{ count: string }>('SELECT count(*) FROM articles');
  await client.end();
  return Number(rows[0]!.count);
}

function file(name: string, contents: string | Buffer): string {
  const target = path.join(work, name);
  writeFileSync(target, contents);
  return target;
}

describe('npm run import', () => {
  it('imports the seed file and prints its URL path', async () => {
    const result = runImport(seedPath, '--slug', 'cli-seed', '--category', 'world', '--place', 'ワシントン', ...REASON);
    expect(result).toMatchObject({ code: 0, stdout: '/articles/cli-seed' });
  });

  it('refuses to publish an AI article with no source unless a reason is given, and records the reason', async () => {
    const before = await articleCount();
    const refused = runImport(seedPath, '--slug', 'cli-no-sources');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('出典のないAI記事は公開できません');
    expect(refused.stderr).toContain('--no-sources-reason');
    expect(await articleCount()).toBe(before);
    expect(runImport(seedPath, '--slug', 'cli-no-sources', '--status', 'draft').code).toBe(0); // a draft may wait for its sources
    expect(runImport(seedPath, '--slug', 'cli-no-sources', ...REASON).code).toBe(0);
    const client = new pg.Client({ connectionString: inject('databaseUrl') });
    await client.connect();
    const { rows } = await client.query<{ reason: string }>(
      `SELECT no_sources_reason AS reason FROM articles WHERE slug = 'cli-no-sources'`,
    );
    await client.end();
    expect(rows[0]?.reason).toBe('元の記事に出典の記載がないため');
  });

  it('gives the seed a stable default slug and never duplicates on re-import', async () => {
    const first = runImport(seedPath, ...REASON);
    const before = await articleCount();
    const second = runImport(seedPath, ...REASON);
    expect(first.code).toBe(0);
    expect(second.stdout).toBe(first.stdout);
    expect(first.stdout).toMatch(/^\/articles\/2025-10-18-[0-9a-f]{10}$/);
    expect(await articleCount()).toBe(before);
  });

  it('refuses bad input with the line and the problem, and writes nothing', async () => {
    const before = await articleCount();
    const cases: [string, string | Buffer, RegExp][] = [
      ['empty.txt', '', /empty\.txt:1: ファイルが空です/],
      ['binary.txt', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x1a]), /binary\.txt:1: バイナリ/],
      ['sjis.txt', Buffer.from([0x93, 0xfa, 0x96, 0x7b]), /sjis\.txt:1: UTF-8/],
      [
        'notitle.txt',
        'これは題名のない長い段落から始まる文章で、見出しも本文もありません。',
        /notitle\.txt:1: タイトル/,
      ],
      ['nobody.txt', '題名\n\n題名\n', /nobody\.txt:\d+: 本文がありません/],
      [
        'badurl.txt',
        '題名\n\nリード文。\n\n見出し\n\n本文。\n\n参考・出典\n\n悪い ftp://example.com/x',
        /badurl\.txt:11: 出典の URL は http または https/,
      ],
    ];
    for (const [name, contents, message] of cases) {
      const result = runImport(file(name, contents));
      expect(result.code, name).not.toBe(0);
      expect(result.stderr, name).toMatch(message);
    }
    expect(runImport(seedPath, '--status', 'maybe').code).not.toBe(0);
    expect(runImport(seedPath, '--category', 'no-such-category').stderr).toContain('no-such-category');
    expect(await articleCount()).toBe(before);
  });

  it('keeps a publication time to the second and the millisecond, and never publishes a scheduled article early', async () => {
    const client = new pg.Client({ connectionString: inject('databaseUrl') });
    await client.connect();
    try {
      const past = runImport(
        seedPath,
        '--slug',
        'cli-seconds',
        '--published-at',
        '2026-12-06T02:15:45.500Z',
        ...REASON,
      );
      expect(past.code, past.stderr).toBe(0);
      const stored = await client.query<{ at: Date; status: string }>(
        `SELECT published_at AS at, status FROM articles WHERE slug = 'cli-seconds'`,
      );
      expect(stored.rows[0]).toEqual({ at: new Date('2026-12-06T02:15:45.500Z'), status: 'published' });

      // Half a minute ahead, with seconds: scheduled for that instant, not published at once and
      // not moved to the minute before it.
      const due = new Date(Date.now() + 30_000);
      due.setUTCMilliseconds(250);
      const future = runImport(seedPath, '--slug', 'cli-seconds-ahead', '--published-at', due.toISOString(), ...REASON);
      expect(future.code, future.stderr).toBe(0);
      const scheduled = await client.query<{ at: Date; status: string }>(
        `SELECT published_at AS at, status FROM articles WHERE slug = 'cli-seconds-ahead'`,
      );
      expect(scheduled.rows[0]).toEqual({ at: due, status: 'scheduled' });
    } finally {
      await client.end();
    }
  });

  it('says a write is saved, and exits 0, when the cache expiry after its commit cannot reach Redis', async () => {
    // Nothing listens there: Redis is down.
    const redisDown = `redis://127.0.0.1:${await freePort()}`;
    const result = runImportWith({ REDIS_URL: redisDown }, seedPath, '--slug', 'cli-redis-down', ...REASON);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toBe('/articles/cli-redis-down');
    const said = result.stderr.split('\n').filter((line) => line.startsWith('npm run import:'));
    expect(said).toEqual([
      expect.stringMatching(
        /^npm run import: \/articles\/cli-redis-down は保存しました。まだ済んでいないこと: キャッシュの失効/,
      ),
    ]);
    const client = new pg.Client({ connectionString: inject('databaseUrl') });
    await client.connect();
    try {
      const { rows } = await client.query<{ version: number; revisions: number }>(
        `SELECT a.version, (SELECT count(*)::int FROM article_revisions r WHERE r.article_id = a.id) AS revisions
           FROM articles a WHERE a.slug = 'cli-redis-down'`,
      );
      expect(rows).toEqual([{ version: 1, revisions: 1 }]);
    } finally {
      await client.end();
    }
  });
});
