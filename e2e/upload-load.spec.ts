import { readFileSync } from 'node:fs';
import sharp from 'sharp';
import { expect, test } from './support/test';
import { ACCOUNTS, e2eDatabaseUrl, e2ePort, SEED } from './support/fixtures';
import { startInstance, type Instance } from './support/instances';

/**
 * One editor uploading large images must not slow the site for readers (issue #27): six one-colour
 * 7999 × 5000 PNGs (about 130 KB each, under the pixel cap) uploaded at once, while a reader asks
 * for a cached article again and again. Before lib/media/process.ts queued them, each took 39 s,
 * the article 6.4 s at the median, and the server's memory peaked at 1.35 GB.
 *
 * A server of its own (on the e2e build and database), so that its memory and its readers are
 * this test's alone, not the shared server's other tests'.
 *
 * The issue's budgets, and how they stay fair on a loaded machine: the server's resident memory
 * stays under 600 MB (other processes do not change it), and the article's p95 stays under
 * 100 ms. That latency is also measured idle, in the same test, just before: when the machine is so
 * busy with other work that the idle p95 is already above 50 ms, the 100 ms would measure that
 * work rather than Kiji, so the bound becomes twice the idle figure; and in every case the uploads
 * may add at most 100 ms to the idle p95.
 */

const READER_P95_BUDGET_MS = 100;
const RSS_BUDGET_MB = 600;
const UPLOADS = 6;

let instance: Instance;

test.beforeAll(async () => {
  test.setTimeout(90_000);
  instance = await startInstance(e2ePort + 95, { DATABASE_URL: e2eDatabaseUrl(), KIJI_SCHEDULER_INTERVAL_MS: '0' });
});

test.afterAll(async () => {
  await instance?.stop();
});

function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
}

function p95(samples: number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.95) - 1)]!;
}

/** One reader's request for the cached article: its time in milliseconds, the body read whole. */
async function readArticle(): Promise<number> {
  const started = performance.now();
  const response = await fetch(`${instance.url}/articles/${SEED.slug}`);
  const html = await response.text();
  const elapsed = performance.now() - started;
  expect(response.status).toBe(200);
  expect(html).toContain(SEED.title);
  return elapsed;
}

test(`${UPLOADS} large uploads at once leave a cached article under ${READER_P95_BUDGET_MS} ms at p95 and the server under ${RSS_BUDGET_MB} MB`, async ({
  playwright,
}) => {
  test.setTimeout(240_000);
  const editor = await playwright.request.newContext({ baseURL: instance.url });
  const signedIn = await editor.post('/api/auth/sign-in/email', {
    data: { email: ACCOUNTS.editor.email, password: ACCOUNTS.editor.password },
    headers: { origin: instance.url },
  });
  expect(signedIn.status()).toBe(200);

  // Six different files (one colour each), so that none is the stored copy of another.
  const images = await Promise.all(
    Array.from({ length: UPLOADS }, (_, index) =>
      sharp({ create: { width: 7999, height: 5000, channels: 3, background: { r: 40 * index, g: 90, b: 160 } } })
        .png()
        .toBuffer(),
    ),
  );
  for (const image of images) expect(image.length).toBeLessThan(1024 * 1024);

  // Idle: the article is cached, then timed 60 times.
  for (let i = 0; i < 10; i += 1) await readArticle();
  const idle: number[] = [];
  for (let i = 0; i < 60; i += 1) idle.push(await readArticle());
  const rssBefore = rssMb(instance.pid);

  // Under load: the reader keeps asking until every upload has its answer; memory is read after each page.
  let uploading = true;
  const uploads = Promise.all(
    images.map((image) =>
      editor.post('/admin/media/upload', {
        headers: { 'Content-Type': 'image/png', 'x-kiji-editor': '1' },
        data: image,
        timeout: 200_000,
      }),
    ),
  ).finally(() => {
    uploading = false;
  });
  const loaded: number[] = [];
  const rss: number[] = [];
  while (uploading) {
    loaded.push(await readArticle());
    rss.push(rssMb(instance.pid));
  }
  const answers = await uploads;
  for (const answer of answers) expect(answer.status(), await answer.text()).toBe(201);
  for (const answer of answers) expect(await answer.json()).toMatchObject({ width: 7999, height: 5000 });

  const idleP95 = p95(idle);
  const loadedP95 = p95(loaded);
  const peakRss = Math.max(rssBefore, ...rss);
  console.log(
    `cached article p95: ${idleP95.toFixed(1)} ms idle, ${loadedP95.toFixed(1)} ms during ${UPLOADS} uploads ` +
      `(${loaded.length} requests, worst ${Math.max(...loaded).toFixed(1)} ms); ` +
      `server RSS ${rssBefore.toFixed(0)} MB before, peak ${peakRss.toFixed(0)} MB`,
  );
  expect(loaded.length, 'the reader was served while the uploads ran').toBeGreaterThan(20);
  expect(peakRss).toBeLessThan(RSS_BUDGET_MB);
  expect(loadedP95).toBeLessThan(Math.max(READER_P95_BUDGET_MS, 2 * idleP95));
  expect(loadedP95 - idleP95).toBeLessThan(READER_P95_BUDGET_MS);
  await editor.dispose();
});
