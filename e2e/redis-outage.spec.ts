import pg from 'pg';
import { ACCOUNTS, e2ePort } from './support/fixtures';
import { freePort } from '../scripts/lib/embedded-postgres';
import { expect, readText, test } from './support/test';
import {
  runScript,
  startDedicatedPostgres,
  startInstance,
  startPrivateRedis,
  type DedicatedPostgres,
  type Instance,
  type PrivateRedis,
} from './support/instances';

/**
 * Redis down must not take the site down (issue #28, decision 0026). Two instances share one
 * PostgreSQL and a Redis of this test's own, which it stops under load and starts again with the
 * data it held: readers keep getting pages, health says degraded, an edit made meanwhile shows on
 * both instances, and once Redis is back both use it again, without a restart, and nobody is
 * served the page Redis still held from before the edit.
 */
test.describe.configure({ mode: 'serial' });

const PORTS = { a: e2ePort + 63, b: e2ePort + 64 };
const EDITED = 'demo-minimum-wage-regional-gap';
const READ = ['/', `/articles/${EDITED}`, '/articles/demo-extraordinary-diet-session', '/category/society'];

let database: DedicatedPostgres;
let redis: PrivateRedis;
let a: Instance;
let b: Instance;

async function sql<T extends pg.QueryResultRow>(text: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  try {
    return (await client.query<T>(text, params)).rows;
  } finally {
    await client.end();
  }
}

test.beforeAll(async () => {
  test.setTimeout(180_000);
  redis = await startPrivateRedis(await freePort());
  database = await startDedicatedPostgres('redis-outage');
  await runScript(
    'scripts/admin-create.ts',
    ['--email', ACCOUNTS.editor.email, '--password', ACCOUNTS.editor.password, '--role', 'editor'],
    { DATABASE_URL: database.url },
  );
  const env = {
    DATABASE_URL: database.url,
    REDIS_URL: redis.url,
    KIJI_REDIS_RETRY_MS: '1000',
    KIJI_SCHEDULER_INTERVAL_MS: '0',
    DATABASE_POOL_SIZE: '5',
  };
  [a, b] = await Promise.all([startInstance(PORTS.a, env), startInstance(PORTS.b, env)]);
});

test.afterAll(async () => {
  await Promise.all([a?.stop(), b?.stop()]);
  await database?.dispose();
  await redis?.dispose();
});

type Reading = { status: number | string; ms: number; phase: string };

/** Readers asking both instances for pages, one after another each, until told to stop. */
function readUnderLoad(readers: number) {
  const readings: Reading[] = [];
  let running = true;
  // What the readers' requests were sent during: set by the test as it stops and starts Redis.
  let phase = 'up';
  const loops = Array.from({ length: readers }, async (_, reader) => {
    for (let n = reader; running; n++) {
      const origin = n % 2 === 0 ? a.url : b.url;
      const started = performance.now();
      const sentIn = phase;
      try {
        const response = await fetch(`${origin}${READ[n % READ.length]}`, { signal: AbortSignal.timeout(15_000) });
        await response.arrayBuffer();
        readings.push({ status: response.status, ms: performance.now() - started, phase: sentIn });
      } catch (error) {
        readings.push({ status: (error as Error).name, ms: performance.now() - started, phase: sentIn });
      }
    }
  });
  return {
    readings,
    phase: (name: string) => {
      phase = name;
    },
    /** How many reads sent during `name` have been answered (or failed). */
    count: (name: string) => readings.filter((reading) => reading.phase === name).length,
    stop: async () => {
      running = false;
      await Promise.all(loops);
      return readings;
    },
  };
}

const health = async (instance: Instance) => {
  const response = await fetch(`${instance.url}/api/health`);
  return { code: response.status, body: (await response.json()) as Record<string, string> };
};
const page = async (instance: Instance, path: string) => {
  const response = await fetch(`${instance.url}${path}`);
  return { status: response.status, cache: response.headers.get('x-nextjs-cache'), html: await readText(response) };
};

test('with Redis stopped under load readers get pages and health says degraded; once it is back both instances use it again and nobody sees a stale page', async () => {
  test.setTimeout(180_000);
  const path = `/articles/${EDITED}`;
  const [{ title: oldTitle }] = (await sql<{ title: string }>('SELECT title FROM articles WHERE slug = $1', [
    EDITED,
  ])) as [{ title: string }];
  // Cached in Redis, and shared: rendered by A, a hit on B.
  // Freshly started instances on a loaded machine: the first renders may land in the change feed's
  // race window and not be stored as fresh, so this waits for the cache longer than the default.
  await expect.poll(async () => (await page(a, path)).cache, { timeout: 60_000 }).toBe('HIT');
  await expect.poll(async () => (await page(b, path)).cache, { timeout: 60_000 }).toBe('HIT');
  for (const instance of [a, b])
    expect(await health(instance)).toEqual({ code: 200, body: { status: 'ok', database: 'up', redis: 'up' } });

  const load = readUnderLoad(4);
  await redis.stop();
  load.phase('down');
  for (const instance of [a, b]) {
    await expect
      .poll(async () => health(instance), { intervals: [100] })
      .toEqual({ code: 200, body: { status: 'degraded', database: 'up', redis: 'degraded' } });
  }
  // Readers kept reading through the outage: waited for as reads, not as time, so a busy machine
  // only makes this slower.
  await expect.poll(() => load.count('down'), { timeout: 60_000 }).toBeGreaterThanOrEqual(40);

  // An edit while Redis is away: each instance hears it from PostgreSQL and expires its own memory.
  const newTitle = `Redisの停止中に書き換えた見出し ${Date.now().toString(36)}`;
  await sql('UPDATE articles SET title = $1 WHERE slug = $2', [newTitle, EDITED]);
  for (const instance of [a, b]) {
    await expect.poll(async () => (await page(instance, path)).html.includes(newTitle)).toBe(true);
  }

  // Back, with the data it held: the page from before the edit is still in it.
  await redis.start();
  load.phase('back');
  for (const instance of [a, b]) {
    await expect
      .poll(async () => health(instance), { intervals: [100] })
      .toEqual({ code: 200, body: { status: 'ok', database: 'up', redis: 'up' } });
  }
  await expect.poll(() => load.count('back'), { timeout: 60_000 }).toBeGreaterThanOrEqual(20);
  for (let n = 0; n < 3; n++) {
    for (const instance of [a, b]) {
      const after = await page(instance, path);
      expect(after.status).toBe(200);
      expect(after.html).toContain(newTitle);
      expect(after.html).not.toContain(oldTitle);
    }
  }
  const readings = await load.stop();

  // Shared again, without a restart: a page rendered by A is a hit on B.
  const shared = '/category/politics';
  await expect
    .poll(async () => {
      await page(a, shared);
      return (await page(b, shared)).cache;
    })
    .toBe('HIT');

  const failed = readings.filter((reading) => reading.status !== 200);
  expect(failed, JSON.stringify(failed.slice(0, 5))).toEqual([]);
  // The outage this guards against held requests for 20 s and more (issue #28). This is a bound on
  // hanging, not a speed measure (that is `npm run bench`): with Redis's commands bounded at 250 ms
  // no read may wait anywhere near a hang, even on a machine busy with the rest of the suite.
  const slowest = Math.max(...readings.map((reading) => reading.ms));
  expect(slowest, `slowest of ${readings.length} reads`).toBeLessThan(5_000);
});

test('an article withdrawn while Redis is down stays withdrawn when Redis returns with its old copy, and no instance serves its last good copy, or a list’s that links to it, when the database goes down next', async () => {
  test.setTimeout(180_000);
  const WITHDRAWN = 'demo-earthquake-drill-companies';
  const path = `/articles/${WITHDRAWN}`;
  const link = `href="/articles/${WITHDRAWN}"`;
  const LIST = '/category/society';
  // Cached in Redis, and sent by both instances (so each keeps a last good copy of it), with its
  // section's page, which links to it.
  await expect.poll(async () => (await page(a, path)).cache, { timeout: 60_000 }).toBe('HIT');
  for (const instance of [a, b]) {
    expect((await page(instance, path)).status).toBe(200);
    expect((await page(instance, LIST)).html).toContain(link);
  }

  await redis.stop();
  for (const instance of [a, b])
    await expect.poll(async () => (await health(instance)).body.redis, { intervals: [100] }).toBe('degraded');
  await sql(`UPDATE articles SET status = 'draft' WHERE slug = $1`, [WITHDRAWN]);
  for (const instance of [a, b]) await expect.poll(async () => (await page(instance, path)).status).toBe(404);

  // Back with the data it held, the withdrawn page among it.
  await redis.start();
  for (const instance of [a, b]) {
    await expect.poll(async () => (await health(instance)).body.redis, { intervals: [100] }).toBe('up');
    expect((await page(instance, path)).status).toBe(404);
  }

  // Then the database goes away. The withdrawal expired the section's page too, and neither page
  // has been sent since: what each instance still holds of them is from before.
  await database.stop();
  try {
    for (const instance of [a, b]) {
      const withdrawn = await fetch(`${instance.url}${path}`);
      const html = await readText(withdrawn);
      expect(withdrawn.status, html.slice(0, 200)).not.toBe(200);
      const list = await fetch(`${instance.url}${LIST}`);
      const listHtml = await readText(list);
      if (list.status === 200) expect(listHtml).not.toContain(link);
    }
  } finally {
    await database.start();
  }
});
