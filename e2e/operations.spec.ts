import { query } from './support/admin';
import { CACHE_PATHS, METRICS_PORT } from './support/fixtures';
import { expect, test, readText } from './support/test';

/** The value of one series in Prometheus's text format, or null when it is not there. */
function sample(text: string, series: string): number | null {
  const line = text.split('\n').find((candidate) => candidate.startsWith(`${series} `));
  return line ? Number(line.slice(series.length + 1)) : null;
}

test('operators read Prometheus metrics on the loopback port, and readers cannot reach them', async ({ request }) => {
  const article = `/articles/${CACHE_PATHS.slug}`;
  // Once through Next, then from the fast path.
  await expect
    .poll(async () => (await request.get(article)).headers()['x-kiji-served-by'], { timeout: 20_000 })
    .toBe('fast-path');
  await request.get('/search?q=記事');

  const scrapeText = async () => (await request.get(`http://127.0.0.1:${METRICS_PORT}/metrics`)).text();
  const scrape = await request.get(`http://127.0.0.1:${METRICS_PORT}/metrics`);
  expect(scrape.status()).toBe(200);
  expect(scrape.headers()['content-type']).toContain('text/plain');
  const text = await readText(scrape);
  expect(sample(text, 'kiji_http_requests_total{route="article",status="200"}')).toBeGreaterThanOrEqual(2);
  expect(sample(text, 'kiji_http_requests_total{route="search",status="200"}')).toBeGreaterThanOrEqual(1);
  expect(sample(text, 'kiji_cache_lookups_total{layer="fast-path",result="hit"}')).toBeGreaterThanOrEqual(1);
  expect(sample(text, 'kiji_cache_lookups_total{layer="memo",result="miss"}')).toBeGreaterThanOrEqual(1);
  expect(sample(text, 'kiji_cache_lookups_total{layer="next",result="miss"}')).toBeGreaterThanOrEqual(1);
  expect(sample(text, 'kiji_render_seconds_count{route="search"}')).toBeGreaterThanOrEqual(1);
  expect(sample(text, 'kiji_db_pool_connections{state="total"}')).toBeGreaterThanOrEqual(1);
  // The e2e server's scheduler ticks every 2 s.
  expect(sample(text, 'kiji_scheduler_runs_total{outcome="ok"}')).toBeGreaterThanOrEqual(1);
  // A write made with SQL (a no-op update still notifies) reaches the change feed, which counts it.
  await query("UPDATE categories SET name = name WHERE slug = 'technology'");
  await expect
    .poll(async () => sample(await scrapeText(), 'kiji_change_notifications_total') ?? 0, { timeout: 10_000 })
    .toBeGreaterThanOrEqual(1);

  // Where the memory goes, by part: Node's own figures and Kiji's caches in this process.
  expect(sample(text, 'kiji_process_resident_memory_bytes')).toBeGreaterThan(50 * 2 ** 20);
  expect(sample(text, 'kiji_nodejs_heap_size_used_bytes')).toBeGreaterThan(0);
  expect(sample(text, 'kiji_memory_entries{part="store_pages"}')).toBeGreaterThanOrEqual(1);
  expect(sample(text, 'kiji_memory_entries{part="script_free_bodies"}')).toBeGreaterThanOrEqual(1);

  expect((await request.get('/metrics')).status()).toBe(404);
  expect((await request.get(`http://127.0.0.1:${METRICS_PORT}/`)).status()).toBe(404);
});
