import autocannon from 'autocannon';
import { expect, test } from './support/test';
import { e2eDatabaseUrl, e2ePort } from './support/fixtures';
import { startInstance, type Instance } from './support/instances';

/**
 * A server rendering the same dynamic page again and again must not keep anything of those renders.
 * Before lib/platform/render-leak-guard it kept every search render (about 50 KB each) until the heap
 * ran out. Read from V8's own GC trace: the live heap after each full collection.
 */
let instance: Instance;

test.beforeAll(async () => {
  test.setTimeout(90_000);
  instance = await startInstance(e2ePort + 80, { DATABASE_URL: e2eDatabaseUrl(), KIJI_SCHEDULER_INTERVAL_MS: '0' }, [
    '--trace-gc',
  ]);
});

test.afterAll(async () => {
  await instance?.stop();
});

/** Live heap (MB) after each mark-compact so far, from lines like "Mark-Compact 93.6 (116.8) -> 68.3 (110.6) MB". */
function liveHeapAfterFullCollections(): number[] {
  return [...instance.output().matchAll(/Mark-Compact[^\n]*?-> ([\d.]+) \(/g)].map((match) => Number(match[1]));
}

/** Readers arriving 16 at a time, each asking again as soon as it has its page (autocannon, as the benchmark). */
async function renderSearches(count: number): Promise<void> {
  const result = await autocannon({
    url: `${instance.url}/search?q=${encodeURIComponent('停戦')}`,
    connections: 16,
    amount: count,
  });
  expect(result.non2xx + result.errors + result.timeouts).toBe(0);
}

test('rendering the search page 800 times leaves the live heap where it was', async () => {
  test.setTimeout(180_000);
  await renderSearches(200);
  const warm = liveHeapAfterFullCollections();
  await renderSearches(800);
  const after = liveHeapAfterFullCollections().slice(warm.length);
  // Enough full collections happened to read the trend from (each render allocates megabytes).
  expect(warm.length, 'full collections while warming up').toBeGreaterThan(0);
  expect(after.length, 'full collections during the run').toBeGreaterThan(2);
  const before = Math.max(...warm.slice(-3));
  const settled = Math.min(...after.slice(-3));
  console.log(`live heap after full collections: ${before} MB warm, ${settled} MB after 800 more renders`);
  // Kept renders would add about 40 MB here.
  expect(settled - before).toBeLessThan(15);
});
