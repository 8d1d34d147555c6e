import path from 'node:path';
import pg from 'pg';
import { ensureDatabase, startEmbeddedPostgres } from './embedded-postgres';
import { DEFAULT_CATEGORIES } from '../../lib/category-defaults';
import { applyMigrations } from './migrations';

export const EMBEDDED_DATA_DIR = path.resolve(process.env.KIJI_DATA_DIR ?? path.join(import.meta.dirname, '../../.data'), 'postgres');
const EMBEDDED_PORT = Number(process.env.KIJI_EMBEDDED_PG_PORT ?? 54329);
const EMBEDDED_SERVER_URL = `postgresql://postgres:postgres@127.0.0.1:${EMBEDDED_PORT}/postgres`;

export type ProvidedDatabase = { url: string; embedded: boolean; release: () => Promise<void> };

async function answers(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

/**
 * DATABASE_URL when it is set; otherwise Kiji's embedded PostgreSQL in .data/postgres, started
 * here unless another Kiji process already runs it. Either way the schema is migrated, and
 * DATABASE_URL is set for this process and its children.
 */
/** The site's categories belong to every database, seeded or not: the editor's form needs them. */
export async function ensureCategories(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(
      `INSERT INTO categories (slug, name, position) SELECT * FROM unnest($1::text[], $2::text[], $3::int[]) ON CONFLICT (slug) DO UPDATE SET name = EXCLUDED.name, position = EXCLUDED.position`,
      [DEFAULT_CATEGORIES.map((c) => c.slug), DEFAULT_CATEGORIES.map((c) => c.name), DEFAULT_CATEGORIES.map((_, i) => i)],
    );
  } finally {
    await client.end();
  }
}

export async function provideDatabase({ log = (_: string) => {} } = {}): Promise<ProvidedDatabase> {
  if (process.env.DATABASE_URL) {
    await applyMigrations(process.env.DATABASE_URL, { log });
    await ensureCategories(process.env.DATABASE_URL);
    return { url: process.env.DATABASE_URL, embedded: false, release: async () => {} };
  }
  let release = async () => {};
  if (!(await answers(EMBEDDED_SERVER_URL))) {
    log(`Starting the embedded PostgreSQL (${path.relative(process.cwd(), EMBEDDED_DATA_DIR)}, port ${EMBEDDED_PORT})…`);
    const server = await startEmbeddedPostgres({ dataDir: EMBEDDED_DATA_DIR, port: EMBEDDED_PORT });
    release = server.stop;
  }
  await ensureDatabase(EMBEDDED_SERVER_URL, 'kiji');
  const url = `postgresql://postgres:postgres@127.0.0.1:${EMBEDDED_PORT}/kiji`;
  await applyMigrations(url, { log });
  await ensureCategories(url);
  process.env.DATABASE_URL = url;
  return { url, embedded: true, release };
}
