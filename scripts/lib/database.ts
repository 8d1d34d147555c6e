import { createHash } from 'node:crypto';
import { realpathSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { ensureDatabase, startEmbeddedPostgres } from './embedded-postgres';
import { DEFAULT_CATEGORIES } from '../../lib/articles/category-defaults';
import { applyMigrations } from './migrations';
import { config, reloadConfig } from '../../lib/platform/config';

/** The embedded PostgreSQL's folder: `postgres/` in KIJI_DATA_DIR. */
export function embeddedDataDir(): string {
  return path.resolve(config().KIJI_DATA_DIR ?? path.join(import.meta.dirname, '../../.data'), 'postgres');
}

/**
 * Each data folder has a port of its own, derived from its path, so two checkouts on one machine
 * never share a server by accident (KIJI_EMBEDDED_PG_PORT overrides it). Whatever answers on the
 * port must also say it serves this folder (whoAnswers), or Kiji refuses to use it.
 */
export function embeddedPortFor(dataDir: string): number {
  const digest = createHash('sha256').update(path.resolve(dataDir)).digest();
  // Below the kernel's range for outgoing connections (32768–60999 on Linux), so that no client
  // socket holds it when the server starts (it was 54330–59329, and CI once found it taken).
  return 21330 + (digest.readUInt32BE(0) % 5000);
}

function embeddedPort(): number {
  return config().KIJI_EMBEDDED_PG_PORT ?? embeddedPortFor(embeddedDataDir());
}

export type ProvidedDatabase = { url: string; embedded: boolean; description: string; release: () => Promise<void> };

type Answer = { state: 'none' } | { state: 'ours' } | { state: 'other'; detail: string };

function canonical(dir: string): string {
  try {
    return realpathSync(dir);
  } catch {
    return path.resolve(dir);
  }
}

/** Who answers on the embedded port: nobody, this checkout's server, or something else. */
async function whoAnswers(url: string, dataDir: string): Promise<Answer> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'EADDRNOTAVAIL') return { state: 'none' };
    return { state: 'other', detail: `a server that refused Kiji's embedded login (${(error as Error).message})` };
  }
  try {
    const { rows } = await client.query<{ setting: string }>(
      `SELECT setting FROM pg_settings WHERE name = 'data_directory'`,
    );
    const serving = rows[0]?.setting ?? '(unknown)';
    return canonical(serving) === canonical(dataDir)
      ? { state: 'ours' }
      : { state: 'other', detail: `the PostgreSQL of ${serving}` };
  } catch (error) {
    return { state: 'other', detail: `a server that would not name its data folder (${(error as Error).message})` };
  } finally {
    await client.end().catch(() => {});
  }
}

/** The site's categories belong to every database, seeded or not: the editor's form needs them. */
export async function ensureCategories(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(
      `INSERT INTO categories (slug, name, position) SELECT * FROM unnest($1::text[], $2::text[], $3::int[]) ON CONFLICT (slug) DO UPDATE SET name = EXCLUDED.name, position = EXCLUDED.position
       WHERE (categories.name, categories.position) IS DISTINCT FROM (EXCLUDED.name, EXCLUDED.position)`,
      [
        DEFAULT_CATEGORIES.map((c) => c.slug),
        DEFAULT_CATEGORIES.map((c) => c.name),
        DEFAULT_CATEGORIES.map((_, i) => i),
      ],
    );
  } finally {
    await client.end();
  }
}

/**
 * DATABASE_URL when it is set; otherwise Kiji's embedded PostgreSQL in .data/postgres, started
 * here unless another Kiji process of this checkout already runs it. Either way the schema is
 * migrated, and DATABASE_URL is set for this process and its children.
 */
export async function provideDatabase({ log = (_: string) => {} } = {}): Promise<ProvidedDatabase> {
  const configured = config().DATABASE_URL;
  if (configured) {
    await applyMigrations(configured, { log });
    await ensureCategories(configured);
    return { url: configured, embedded: false, description: 'DATABASE_URL', release: async () => {} };
  }
  const dataDir = embeddedDataDir();
  const port = embeddedPort();
  const serverUrl = `postgresql://postgres:postgres@127.0.0.1:${port}/postgres`;
  const folder = path.relative(process.cwd(), dataDir) || dataDir;
  let release = async () => {};
  const answer = await whoAnswers(serverUrl, dataDir);
  if (answer.state === 'other') {
    throw new Error(
      `Port ${port} is held by ${answer.detail}, not by this checkout's embedded PostgreSQL (${dataDir}). ` +
        'Set KIJI_EMBEDDED_PG_PORT to a free port, or DATABASE_URL to use that server on purpose.',
    );
  }
  if (answer.state === 'none') {
    log(`Starting the embedded PostgreSQL (${folder}, port ${port})…`);
    const server = await startEmbeddedPostgres({ dataDir, port });
    release = server.stop;
  }
  await ensureDatabase(serverUrl, 'kiji');
  const url = `postgresql://postgres:postgres@127.0.0.1:${port}/kiji`;
  await applyMigrations(url, { log });
  await ensureCategories(url);
  // For this process's later reads and for its children.
  process.env.DATABASE_URL = url;
  reloadConfig();
  return { url, embedded: true, description: `the embedded PostgreSQL (${folder}, port ${port})`, release };
}
