import { expect, test } from './support/test';
import { e2eDatabaseUrl, e2ePort, SEED } from './support/fixtures';
import { startInstance, type Instance } from './support/instances';

/**
 * Database queries per real page view, counted from Prisma's query events in a server of its own
 * (KIJI_QUERY_LOG=1 prints one line per query; the scheduler is off so nothing else queries):
 * the proxy's checks and the page's render together, at most 2 on a miss and none on a hit.
 */
test.describe.configure({ mode: 'serial' });

let instance: Instance;

test.beforeAll(async () => {
  test.setTimeout(90_000);
  instance = await startInstance(e2ePort + 70, {
    DATABASE_URL: e2eDatabaseUrl(),
    KIJI_QUERY_LOG: '1',
    KIJI_SCHEDULER_INTERVAL_MS: '0',
  });
});

test.afterAll(async () => {
  await instance?.stop();
});

const queriesSoFar = () =>
  instance
    .output()
    .split('\n')
    .filter((line) => line.startsWith('{"level":"debug"') && line.includes('"event":"query"'));

/**
 * Log lines are written as the queries run, and reach this process through a pipe: wait until the
 * output has stopped growing for a while, so a late line is not counted against the next view.
 */
async function outputSettled(quietMs = 200, maxMs = 3_000): Promise<void> {
  const started = Date.now();
  let length = instance.output().length;
  let quietSince = Date.now();
  while (Date.now() - quietSince < quietMs && Date.now() - started < maxMs) {
    await new Promise((resolve) => setTimeout(resolve, 25));
    const now = instance.output().length;
    if (now !== length) {
      length = now;
      quietSince = Date.now();
    }
  }
}

/** The queries one page view ran, as their log lines, so a failure shows which ones they were. */
async function queriesFor(path: string, request: import('@playwright/test').APIRequestContext): Promise<string[]> {
  const before = queriesSoFar().length;
  const response = await request.get(`${instance.url}${path}`);
  expect(response.status(), path).toBe(200);
  await response.body();
  await outputSettled();
  return queriesSoFar().slice(before);
}

for (const path of [`/articles/${SEED.slug}`, '/', '/category/world', `/tag/${encodeURIComponent('停戦')}`]) {
  test(`a view of ${decodeURIComponent(path)} costs at most 2 queries on a miss and none on a hit`, async ({
    request,
  }) => {
    const miss = await queriesFor(path, request);
    const hit = await queriesFor(path, request);
    const hitAgain = await queriesFor(path, request);
    console.log(
      `${decodeURIComponent(path)}: ${miss.length} queries on a miss, ${hit.length} and ${hitAgain.length} on hits`,
    );
    expect(miss.length).toBeGreaterThan(0);
    expect(miss.length, miss.join('\n')).toBeLessThanOrEqual(2);
    expect(hit, 'queries on the first hit').toEqual([]);
    expect(hitAgain, 'queries on the second hit').toEqual([]);
  });
}
