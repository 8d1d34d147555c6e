import { spawn, type ChildProcess } from 'node:child_process';
import { expect, test } from '@playwright/test';
import { e2eDatabaseUrl, e2ePort } from './support/fixtures';

/**
 * `npm run dev` is Kiji's server with Next in development mode behind the same steps
 * (scripts/serve.ts --dev, lib/server/pipeline.ts), so what a developer sees is what readers get:
 * the script-free page, HEAD as GET, the route table's 405s, the canonical 308. The differences
 * that remain are Next's own and README.md lists them.
 */
const PORT = e2ePort + 55;
const origin = `http://localhost:${PORT}`;
let server: ChildProcess | undefined;
let output = '';

test.describe.configure({ mode: 'serial' });
test.beforeAll(async () => {
  server = spawn('npm', ['run', 'dev'], {
    env: { ...process.env, DATABASE_URL: e2eDatabaseUrl(), PORT: String(PORT), NEXT_TELEMETRY_DISABLED: '1' },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  server.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  server.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  await expect.poll(() => output, { timeout: 120_000 }).toContain(`Open ${origin}/`);
});
test.afterAll(async () => {
  // The last test stops it; this is for a test that failed before.
  if (!server?.pid) return;
  const exited = new Promise((resolve) => server!.once('exit', resolve));
  process.kill(-server.pid, 'SIGTERM');
  await exited;
});

test('npm run dev serves public pages through the production server’s steps', async ({ request }) => {
  test.setTimeout(240_000);
  const page = await request.get(`${origin}/about`, { timeout: 180_000 });
  expect(page.status()).toBe(200);
  const html = await page.text();
  expect(html).toContain('発行者について');
  // Script-free, as in production (Next's development runtime would add its scripts).
  expect(html).not.toMatch(/<script(?![^>]*application\/ld\+json)/);
  expect(page.headers()['content-security-policy']).toContain("script-src 'none'");

  const head = await request.head(`${origin}/about`);
  expect(head.status()).toBe(200);
  expect(head.headers()['content-length']).toBe(page.headers()['content-length']);

  const put = await request.fetch(`${origin}/about`, { method: 'PUT' });
  expect(put.status()).toBe(405);
  expect(put.headers().allow).toBe('GET, HEAD, OPTIONS');

  const slash = await request.get(`${origin}/about/`, { maxRedirects: 0 });
  expect(slash.status()).toBe(308);
  expect(slash.headers().location).toBe('/about');

  expect(output).toContain('"dev":true');
});

test('npm run dev starts and stops through the same start-up story as production', async () => {
  const stages = (event: string) =>
    [...output.matchAll(new RegExp(`"event":"${event}","stage":"([^"]+)"`, 'g'))].map((match) => match[1]);
  expect(stages('stage_started')).toEqual([
    'configuration',
    'database',
    'next',
    'runtime services',
    'http server',
    'health',
  ]);
  // 'close': exited, and everything it printed read.
  const closed = new Promise((resolve) => server!.once('close', resolve));
  process.kill(-server!.pid!, 'SIGTERM');
  await closed;
  server = undefined;
  expect(stages('stage_stopped')).toEqual([
    'health',
    'http server',
    'runtime services',
    'next',
    'database',
    'configuration',
  ]);
  expect(output).toContain('requests drained; database pool and cache connection closed');
});
