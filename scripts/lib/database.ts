import path from 'node:path';
import pg from 'pg';
import { ensureDatabase, startEmbeddedPostgres } from './embedded-postgres';
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
export async function provideDatabase({ log = (_: string) => {} } = {}): Promise<ProvidedDatabase> {
  if (process.env.DATABASE_URL) {
    await applyMigrations(process.env.DATABASE_URL, { log });
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
  process.env.DATABASE_URL = url;
  return { url, embedded: true, release };
}
