import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { Redis } from 'ioredis';
import { config } from '../../lib/platform/config';

/**
 * The tests' Redis, provided the way the suite provides Chromium and nginx: scripts/ensure-test-tools.sh
 * installs Debian's redis-server when it is missing, and each run (vitest's integration setup,
 * Playwright's global setup) starts one of its own on a free port with `startTestRedis`, hands its
 * URL on as KIJI_TEST_REDIS_URL, and stops it afterwards. KIJI_TEST_REDIS_URL set beforehand names
 * a Redis to use instead, and nothing is started.
 */
export const REDIS_SERVER = 'redis-server';

export const MISSING_REDIS_HELP =
  'The test run starts its own Redis with Debian’s redis-server (scripts/ensure-test-tools.sh installs it as root: apt-get install redis-server), or set KIJI_TEST_REDIS_URL to a Redis the tests may write to.';

/** The Redis this run uses: the one the run's setup started, or the one KIJI_TEST_REDIS_URL names. */
export const TEST_REDIS_URL = config().KIJI_TEST_REDIS_URL ?? '';

export type TestRedis = { url: string; stop: () => Promise<void> };

async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  server.close();
  await once(server, 'close');
  if (!address || typeof address === 'string') throw new Error('no free port for the test Redis');
  return address.port;
}

/** Starts a Redis that keeps nothing on disk, on a free loopback port, and waits until it answers. */
export async function startTestRedis(): Promise<TestRedis> {
  const configured = config().KIJI_TEST_REDIS_URL;
  if (configured) return { url: configured, stop: async () => {} };
  const port = await freePort();
  const child: ChildProcess = spawn(
    REDIS_SERVER,
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--daemonize', 'no'],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = once(child, 'exit');
  const failed = new Promise<never>((_, reject) => {
    child.once('error', (error) =>
      reject(new Error(`Could not start ${REDIS_SERVER} for the tests (${error.message}). ${MISSING_REDIS_HELP}`)),
    );
    void exited.then(([code]) =>
      reject(new Error(`${REDIS_SERVER} for the tests exited with status ${code}: ${output.trim().slice(-500)}`)),
    );
  });
  const ready = new Promise<void>((resolve) => {
    const check = () => {
      if (/Ready to accept connections/i.test(output)) resolve();
    };
    child.stdout!.on('data', check);
  });
  await Promise.race([ready, failed]);
  failed.catch(() => {});
  return {
    url: `redis://127.0.0.1:${port}`,
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/** Fails at once with what to do, instead of every Redis test timing out on its own. */
export async function requireTestRedis(): Promise<void> {
  if (!TEST_REDIS_URL) {
    throw new Error(`These tests need Redis, and this run started none. ${MISSING_REDIS_HELP}`);
  }
  const redis = new Redis(TEST_REDIS_URL, {
    maxRetriesPerRequest: 0,
    lazyConnect: true,
    connectTimeout: 5_000,
    retryStrategy: () => null,
  });
  let cause: Error | undefined;
  redis.on('error', (error: Error) => (cause ??= error));
  try {
    await redis.connect();
    await redis.ping();
  } catch (error) {
    throw new Error(
      `These tests need Redis, and none answers at ${TEST_REDIS_URL} (${(cause ?? (error as Error)).message}). ${MISSING_REDIS_HELP}`,
    );
  } finally {
    redis.disconnect();
  }
}
