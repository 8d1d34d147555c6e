import { randomBytes } from 'node:crypto';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { dropDatabase, ensureDatabase, freePort, startEmbeddedPostgres } from './embedded-postgres';
import { ensureCategories } from './database';
import { applyMigrations } from './migrations';
import { config } from '../../lib/platform/config';

export type FreshDatabase = { url: string; dispose: () => Promise<void> };

/**
 * A new, migrated database for one test run: on the server named by TEST_DATABASE_URL when set,
 * otherwise on an embedded PostgreSQL in a temporary folder.
 */
export async function createFreshDatabase(label: string): Promise<FreshDatabase> {
  const name = `kiji_${label}_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  const serverUrl = config().TEST_DATABASE_URL;
  if (serverUrl) {
    await ensureDatabase(serverUrl, name);
    const url = withDatabase(serverUrl, name);
    await applyMigrations(url);
    await ensureCategories(url);
    return { url, dispose: () => dropDatabase(serverUrl, name) };
  }
  const dataDir = await mkdtemp(path.join(tmpdir(), 'kiji-pg-'));
  await chmod(dataDir, 0o755); // mkdtemp makes it 0700; as root, PostgreSQL runs as `postgres` and must reach it
  const port = await freePort();
  const server = await startEmbeddedPostgres({ dataDir: path.join(dataDir, 'data'), port, persistent: false });
  await ensureDatabase(server.url('postgres'), name);
  const url = server.url(name);
  await applyMigrations(url);
  await ensureCategories(url);
  return {
    url,
    dispose: async () => {
      await server.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

export function withDatabase(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}
