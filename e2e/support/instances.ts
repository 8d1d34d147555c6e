import { spawn, spawnSync } from 'node:child_process';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ensureDatabase, startEmbeddedPostgres, type RunningPostgres } from '../../scripts/lib/embedded-postgres';
import { serverCommand } from '../../lib/platform/startup';
import { captureOutput, groupStopper, waitForHttp } from '../../scripts/lib/child-processes';

/**
 * Extra servers for the tests that need more than the shared e2e server: a PostgreSQL of their
 * own that they can stop and start, more instances of Kiji's server (scripts/serve.ts) on the same production build,
 * and nginx in front. Every process is started in its own process group and stopped with it.
 */

export type DedicatedPostgres = {
  url: string;
  stop: () => Promise<void>;
  start: () => Promise<void>;
  dispose: () => Promise<void>;
};

/** An embedded PostgreSQL in a temporary folder, migrated and seeded with the demo articles. */
export async function startDedicatedPostgres(label: string): Promise<DedicatedPostgres> {
  // A busy machine now and then fails a first start (embedded-postgres rejects without a reason);
  // a second attempt on a fresh folder and port tells that from a real fault.
  try {
    return await startDedicatedPostgresOnce(label);
  } catch (error) {
    console.error(`[${label}] embedded PostgreSQL did not start (${String(error)}); trying again`);
    return startDedicatedPostgresOnce(label);
  }
}

async function startDedicatedPostgresOnce(label: string): Promise<DedicatedPostgres> {
  const folder = await mkdtemp(path.join(tmpdir(), `kiji-${label}-pg-`));
  await chmod(folder, 0o755);
  const dataDir = path.join(folder, 'data');
  const port = 40000 + Math.floor(Math.random() * 10000);
  let server: RunningPostgres | null;
  try {
    server = await startEmbeddedPostgres({ dataDir, port, persistent: true });
  } catch (error) {
    await rm(folder, { recursive: true, force: true });
    throw error;
  }
  await ensureDatabase(server.url('postgres'), 'kiji');
  const url = server.url('kiji');
  await runScript('scripts/seed.ts', [], { DATABASE_URL: url });
  return {
    url,
    stop: async () => {
      await server?.stop();
      server = null;
    },
    start: async () => {
      server ??= await startEmbeddedPostgres({ dataDir, port, persistent: true });
    },
    dispose: async () => {
      await server?.stop().catch(() => {});
      await rm(folder, { recursive: true, force: true });
    },
  };
}

/** Runs one of the project's scripts (seed, admin:create…) against the given environment. */
export async function runScript(script: string, args: string[], env: Record<string, string>): Promise<string> {
  const result = spawnSync(process.execPath, ['--conditions=react-server', '--import', 'tsx', script, ...args], {
    env: { ...process.env, ...env },
    encoding: 'utf8',
    timeout: 120_000,
  });
  if (result.status !== 0) throw new Error(`${script} failed (${result.status}):\n${result.stdout}\n${result.stderr}`);
  return result.stdout;
}

export { startNginx } from '../../scripts/lib/nginx';

export type Instance = {
  url: string;
  port: number;
  /** The server's process id, to read its memory from /proc. */
  pid: number;
  /** Everything the process has printed so far. */
  output: () => string;
  /** Sends the signal to the process group and waits for the exit code. */
  stop: (signal?: NodeJS.Signals) => Promise<number | null>;
};

/** Another instance of Kiji's server on the build the e2e server made, with its own port and environment. */
export async function startInstance(
  port: number,
  env: Record<string, string>,
  extraNodeFlags: string[] = [],
): Promise<Instance> {
  const server = serverCommand('start', {
    ...process.env,
    NEXT_TELEMETRY_DISABLED: '1',
    BETTER_AUTH_SECRET: 'e2e-instances-secret-0123456789abcdefghij',
    SITE_URL: `http://localhost:${port}`,
    PORT: String(port),
    ...env,
  });
  const child = spawn(server.command, [...extraNodeFlags, ...server.args], {
    env: server.env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output = captureOutput(child);
  await waitForHttp(`http://127.0.0.1:${port}/robots.txt`, child, output);
  return { url: `http://localhost:${port}`, port, pid: child.pid!, output, stop: groupStopper(child) };
}

export { startPrivateRedis, type PrivateRedis } from '../../scripts/test-support/private-redis';
