import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { isListening as listening } from '../scripts/lib/child-processes';
import { embeddedPortFor } from '../scripts/lib/database';
import { e2ePort } from './support/fixtures';

/**
 * `npm start` as an operator runs it: in the background, on the embedded default, stopped with
 * `kill <pid of npm>`. It must say where to open it only once it listens, refuse a taken port with
 * a non-zero exit, and leave nothing running or listening once stopped.
 */
const PORT = e2ePort + 50;
let dataDir: string;
let embeddedPort: number;
const started: ChildProcess[] = [];

test.describe.configure({ mode: 'serial' });
// In a hook, not at the top: Playwright's runner also loads this file, to list its tests.
test.beforeAll(() => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'kiji-npm-start-'));
  chmodSync(dataDir, 0o755);
  embeddedPort = embeddedPortFor(path.join(dataDir, 'postgres'));
});
test.afterAll(() => {
  for (const child of started) {
    try {
      process.kill(-child.pid!, 'SIGKILL'); // only if a test failed half-way
    } catch {
      // already gone, as it should be
    }
  }
  rmSync(dataDir, { recursive: true, force: true });
});

function npmStart(): { child: ChildProcess; output: () => string; exited: Promise<number | null> } {
  const { DATABASE_URL: _unset, ...env } = process.env;
  const child = spawn('npm', ['start'], {
    env: {
      ...env,
      PORT: String(PORT),
      KIJI_DATA_DIR: dataDir,
      KIJI_SCHEDULER_INTERVAL_MS: '0',
      BETTER_AUTH_SECRET: 'commands-spec-secret-0123456789abcdef',
    },
    detached: true, // its own process group, so that a failed test can still clean up everything
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  started.push(child);
  let printed = '';
  child.stdout!.on('data', (chunk) => (printed += String(chunk)));
  child.stderr!.on('data', (chunk) => (printed += String(chunk)));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, output: () => printed, exited };
}

const openLine = `[kiji] Open http://localhost:${PORT}/`;

for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  test(`npm start says where to open Kiji once it listens, and ${signal} to npm stops the server and the embedded PostgreSQL`, async () => {
    test.setTimeout(180_000);
    const server = npmStart();
    await expect.poll(server.output, { timeout: 150_000 }).toContain(openLine);
    // Printed from the listen callback: the page answers the moment the line is there.
    expect((await fetch(`http://localhost:${PORT}/`)).status).toBe(200);
    expect(await listening(embeddedPort)).toBe(true);

    process.kill(server.child.pid!, signal);
    expect(await server.exited).not.toBeNull();
    expect(await listening(PORT)).toBe(false);
    expect(await listening(embeddedPort)).toBe(false);
    expect(spawnSync('pgrep', ['-f', dataDir]).stdout.toString()).toBe('');
  });
}

test('a second npm start on a taken port exits non-zero with one line that names the port', async () => {
  test.setTimeout(180_000);
  const first = npmStart();
  await expect.poll(first.output, { timeout: 150_000 }).toContain(openLine);
  const second = npmStart();
  expect(await second.exited).toBe(1);
  const complaints = second
    .output()
    .split('\n')
    .filter((line) => line.includes('could not start'));
  expect(complaints).toEqual([
    `[kiji] Kiji could not start: port ${PORT} is already in use: stop whatever listens there, or start Kiji on another port (PORT=3001 npm start)`,
  ]);
  expect(second.output()).not.toContain(openLine);
  // The first server is untouched by the second's failure.
  expect((await fetch(`http://localhost:${PORT}/`)).status).toBe(200);
  process.kill(first.child.pid!, 'SIGTERM');
  await first.exited;
  expect(await listening(embeddedPort)).toBe(false);
});
