import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { captureOutput } from '../lib/child-processes';

export type PrivateRedis = {
  url: string;
  /** Saves its data to disk and stops, as an operator's SHUTDOWN would. */
  stop: () => Promise<void>;
  /** Starts again on the same port, with the data it saved. */
  start: () => Promise<void>;
  dispose: () => Promise<void>;
};

/**
 * A redis-server of the test's own on a free port (never the machine's shared one), which the test
 * may stop and start again with the data it held.
 */
export async function startPrivateRedis(port: number): Promise<PrivateRedis> {
  const folder = await mkdtemp(path.join(tmpdir(), 'kiji-redis-'));
  const url = `redis://127.0.0.1:${port}`;
  let child: ReturnType<typeof spawn> | null = null;
  const start = async () => {
    if (child) return;
    const started = spawn(
      'redis-server',
      ['--port', String(port), '--bind', '127.0.0.1', '--dir', folder, '--save', '', '--appendonly', 'no'],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    child = started;
    const output = captureOutput(started);
    await new Promise<void>((resolve, reject) => {
      const check = setInterval(() => {
        if (/Ready to accept connections/.test(output())) {
          clearInterval(check);
          resolve();
        } else if (started.exitCode !== null) {
          clearInterval(check);
          reject(new Error(`redis-server did not start: ${output()}`));
        }
      }, 50);
    });
  };
  const stop = async () => {
    const running = child;
    if (!running) return;
    child = null;
    const exited = new Promise((resolve) => running.once('exit', resolve));
    const { Redis } = await import('ioredis');
    const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
    client.on('error', () => {});
    await client.connect();
    await client.shutdown('SAVE').catch(() => {}); // the connection closes as it answers
    client.disconnect();
    await exited;
  };
  await start();
  return {
    url,
    stop,
    start,
    dispose: async () => {
      const running = child;
      child = null;
      running?.kill('SIGKILL');
      await rm(folder, { recursive: true, force: true });
    },
  };
}
