import { createHash } from 'node:crypto';
import { cp, mkdtemp, readFile, writeFile, mkdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { ensureDatabase, dropDatabase } from './embedded-postgres';
import { applyMigrations, DEFAULT_MIGRATIONS_DIR, readMigrations } from './migrations';
import { withDatabase } from './test-database';

const serverUrl = withDatabase(inject('databaseUrl'), 'postgres');
const created: string[] = [];

async function emptyDatabase(): Promise<string> {
  const name = `kiji_migrate_${Date.now().toString(36)}_${created.length}`;
  await ensureDatabase(serverUrl, name);
  created.push(name);
  return withDatabase(serverUrl, name);
}

async function query<T extends pg.QueryResultRow>(url: string, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

afterAll(async () => {
  for (const name of created) await dropDatabase(serverUrl, name);
});

describe('applying Prisma migrations without the schema engine', () => {
  it('records each migration exactly as prisma migrate deploy does', async () => {
    const url = await emptyDatabase();
    const files = await readMigrations();
    const { applied } = await applyMigrations(url);
    expect(applied).toEqual(files.map((file) => file.name));

    const rows = await query<{
      id: string;
      checksum: string;
      migration_name: string;
      finished_at: Date | null;
      rolled_back_at: Date | null;
      applied_steps_count: number;
    }>(url, 'SELECT * FROM "_prisma_migrations" ORDER BY migration_name');
    expect(rows).toHaveLength(files.length);
    for (const [index, row] of rows.entries()) {
      const sql = await readFile(path.join(DEFAULT_MIGRATIONS_DIR, row.migration_name, 'migration.sql'));
      expect(row.checksum).toBe(createHash('sha256').update(sql).digest('hex'));
      expect(row.migration_name).toBe(files[index]!.name);
      expect(row.id).toMatch(/^[0-9a-f-]{36}$/);
      expect(row.finished_at).toBeInstanceOf(Date);
      expect(row.rolled_back_at).toBeNull();
      expect(row.applied_steps_count).toBe(1);
    }
  });

  it('applies nothing the second time', async () => {
    const url = await emptyDatabase();
    await applyMigrations(url);
    expect((await applyMigrations(url)).applied).toEqual([]);
  });

  it('applies each migration once when two processes race, thanks to the advisory lock', async () => {
    const url = await emptyDatabase();
    const [first, second] = await Promise.all([applyMigrations(url), applyMigrations(url)]);
    expect([...first.applied, ...second.applied].sort()).toEqual((await readMigrations()).map((file) => file.name));
    const [row] = await query<{ count: string }>(url, 'SELECT count(*) FROM "_prisma_migrations"');
    expect(Number(row?.count)).toBe((await readMigrations()).length);
  });

  it('rolls back a failing migration completely and says which one failed', async () => {
    const url = await emptyDatabase();
    const dir = await mkdtemp(path.join(tmpdir(), 'kiji-migrations-'));
    await cp(DEFAULT_MIGRATIONS_DIR, dir, { recursive: true });
    await mkdir(path.join(dir, '29990101000000_broken'));
    await writeFile(
      path.join(dir, '29990101000000_broken', 'migration.sql'),
      'CREATE TABLE half_done (id int);\nSELECT nonsense FROM nowhere;',
    );
    await expect(applyMigrations(url, { dir })).rejects.toThrow(/29990101000000_broken failed/);
    await rm(dir, { recursive: true, force: true });
    const tables = await query<{ table_name: string }>(
      url,
      "SELECT table_name FROM information_schema.tables WHERE table_name = 'half_done'",
    );
    expect(tables).toEqual([]);
    const [row] = await query<{ finished_at: Date | null; rolled_back_at: Date | null; logs: string }>(
      url,
      `SELECT finished_at, rolled_back_at, logs FROM "_prisma_migrations" WHERE migration_name = '29990101000000_broken'`,
    );
    expect(row?.finished_at).toBeNull();
    expect(row?.rolled_back_at).toBeInstanceOf(Date);
    expect(row?.logs).toContain('nowhere');
  });
});
