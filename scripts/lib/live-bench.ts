import http from 'node:http';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { LIVE_POLL_MS } from '../../lib/platform/live-island';
import { pacedReaders } from './paced-readers';

/**
 * The live page at the scale of a breaking story (issue #26, docs/decisions/0040): `readers`
 * simulated live readers poll the live page as its island does (every LIVE_POLL_MS, with the ETag
 * they last saw, each on its own keep-alive connection), while ordinary readers load a cached
 * article at a steady rate. Updates are posted with SQL, as the change feed announces any commit;
 * each reader's delay from the commit to its first answer carrying the new update is recorded.
 */

export type LiveBench = {
  readers: number;
  updates: number;
  /** Commit → a reader's first answer with the update, over every reader and update. */
  p50Ms: number;
  p95Ms: number;
  /** Readers that had not seen an update 20 s after its commit. */
  missed: number;
  pollsPerSecond: number;
  /** Share of polls answered 304. */
  notModifiedShare: number;
  pollErrors: number;
  /** CPU this client (the readers and the cached article's load) used, in cores, over the run. */
  clientCores?: number;
  /** The cached article meanwhile, at a steady rate. */
  cached: { requestsPerSecond: number; p99: number; errors: number; non2xx: number };
};

export const LIVE_READERS = 5_000;
export const LIVE_P95_BUDGET_MS = 5_000;
export const LIVE_CACHED_P99_BUDGET_MS = 50;
const CACHED_RATE = 300;

const percentile = (sorted: number[], p: number) =>
  sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;

export async function measureLiveReaders(
  base: string,
  databaseUrl: string,
  liveSlug: string,
  cachedPath: string,
  readers = LIVE_READERS,
  updates = 3,
): Promise<LiveBench> {
  const url = new URL(`/articles/${liveSlug}`, base);
  const agent = new http.Agent({ keepAlive: true, maxSockets: readers, maxFreeSockets: readers });
  const state = Array.from({ length: readers }, () => ({ etag: '', latest: '' }));
  let running = true;
  let polls = 0;
  let notModified = 0;
  let pollErrors = 0;
  let target: { latest: string; at: number; seen: Set<number> } | null = null;
  const delays: number[] = [];
  // Every reader is sent the same bytes for one validator: the page is decoded once per validator,
  // not once per reader (5,000 Brotli decodes per update made this client the bottleneck).
  const latestByEtag = new Map<string, string>();
  const latestIn = (etag: string, body: Buffer, coding: string | undefined) => {
    const known = etag ? latestByEtag.get(`${coding}:${etag}`) : undefined;
    if (known !== undefined) return known;
    const html = coding === 'br' ? brotliDecompressSync(body) : coding === 'gzip' ? gunzipSync(body) : body;
    const latest = /data-latest="(\d*)"/.exec(html.toString('latin1'))?.[1] ?? '';
    if (etag) latestByEtag.set(`${coding}:${etag}`, latest);
    return latest;
  };

  const poll = (index: number) =>
    new Promise<void>((resolve) => {
      const reader = state[index]!;
      const request = http.request(
        url,
        {
          agent,
          // As a browser asks: compressed (the server compresses each render once, whoever asks).
          headers: { 'accept-encoding': 'br, gzip', ...(reader.etag ? { 'if-none-match': reader.etag } : {}) },
        },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () => {
            polls += 1;
            if (response.statusCode === 304) notModified += 1;
            else if (response.statusCode === 200) {
              reader.etag = String(response.headers.etag ?? '');
              reader.latest = latestIn(reader.etag, Buffer.concat(chunks), response.headers['content-encoding']);
            } else pollErrors += 1;
            if (target && reader.latest === target.latest && !target.seen.has(index)) {
              target.seen.add(index);
              delays.push(Date.now() - target.at);
            }
            resolve();
          });
        },
      );
      request.on('error', () => {
        pollErrors += 1;
        resolve();
      });
      request.end();
    });

  const loops = state.map(async (_, index) => {
    await sleep(Math.random() * LIVE_POLL_MS);
    while (running) {
      await poll(index);
      await sleep(LIVE_POLL_MS);
    }
  });

  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  // Each run starts from the page as seeded: a previous run's updates would make it longer.
  await removeBenchUpdates(client, liveSlug);
  // Every reader has the page (and its ETag) before the first update.
  const warmUntil = Date.now() + 30_000;
  while (state.some((reader) => !reader.etag) && Date.now() < warmUntil) await sleep(250);
  const pollsAtStart = polls;
  const startedAt = Date.now();
  const cpuAtStart = process.cpuUsage();

  // In a thread of its own: the cached article's readers are not the live readers, and their
  // latency must not include this thread's work when 5,000 answers arrive after an update.
  const cachedRun = pacedReaders(
    new URL(cachedPath, base).toString(),
    CACHED_RATE,
    Math.ceil((updates * 20_000 + 5_000) / 1000),
  );
  let missed = 0;
  for (let update = 0; update < updates; update++) {
    await sleep(5_000);
    await client.query('BEGIN');
    const inserted = await client.query<{ id: number }>(
      `INSERT INTO live_updates (article_id, body, author_label)
         SELECT id, $2, 'bench' FROM articles WHERE slug = $1 RETURNING id`,
      [liveSlug, `ベンチの更新 ${update + 1}（${new Date().toISOString()}）`],
    );
    await client.query('UPDATE articles SET version = version + 1, updated_at = now() WHERE slug = $1', [liveSlug]);
    await client.query('COMMIT');
    target = { latest: String(inserted.rows[0]!.id), at: Date.now(), seen: new Set() };
    const until = Date.now() + 20_000;
    while (target.seen.size < readers && Date.now() < until) await sleep(100);
    missed += readers - target.seen.size;
    const rest = until - Date.now() - 5_000;
    if (rest > 0 && update < updates - 1) await sleep(Math.min(rest, 10_000));
  }
  const elapsed = (Date.now() - startedAt) / 1000;
  const cpu = process.cpuUsage(cpuAtStart);
  const clientCores = Math.round(((cpu.user + cpu.system) / 1e6 / elapsed) * 100) / 100;
  const cached = await cachedRun;
  running = false;
  await Promise.all(loops);
  agent.destroy();
  await removeBenchUpdates(client, liveSlug);
  await client.end();
  const sorted = delays.sort((a, b) => a - b);
  return {
    readers,
    updates,
    p50Ms: percentile(sorted, 50),
    p95Ms: percentile(sorted, 95),
    missed,
    pollsPerSecond: Math.round((polls - pollsAtStart) / elapsed),
    notModifiedShare: polls === 0 ? 0 : Math.round((notModified / polls) * 1000) / 1000,
    pollErrors,
    clientCores,
    cached: {
      requestsPerSecond: cached.requestsPerSecond,
      p99: cached.p99,
      errors: cached.errors,
      non2xx: cached.non2xx,
    },
  };
}

/** The updates a run posted (author `bench`), taken away with the version bump that expires the page. */
async function removeBenchUpdates(client: pg.Client, liveSlug: string): Promise<void> {
  await client.query('BEGIN');
  const removed = await client.query(
    `DELETE FROM live_updates WHERE author_label = 'bench' AND article_id = (SELECT id FROM articles WHERE slug = $1)`,
    [liveSlug],
  );
  if ((removed.rowCount ?? 0) > 0)
    await client.query('UPDATE articles SET version = version + 1, updated_at = now() WHERE slug = $1', [liveSlug]);
  await client.query('COMMIT');
}

export function liveBenchLine(bench: LiveBench | null | undefined): string {
  const label = `${LIVE_READERS.toLocaleString('en')} live readers polling get a new update within ${LIVE_P95_BUDGET_MS / 1000} s (p95) while a cached article keeps p99 < ${LIVE_CACHED_P99_BUDGET_MS} ms at ${CACHED_RATE} req/s`;
  if (!bench) return `- ${label}: not measured (needs --database-url and the demo live page)`;
  const met =
    bench.p95Ms <= LIVE_P95_BUDGET_MS &&
    bench.missed === 0 &&
    bench.cached.p99 < LIVE_CACHED_P99_BUDGET_MS &&
    bench.cached.errors === 0;
  return `- ${label}: ${met ? 'met' : '**missed**'} (${bench.readers} readers, ${bench.updates} updates: p50 ${bench.p50Ms} ms, p95 ${bench.p95Ms} ms, ${bench.missed} missed; ${bench.pollsPerSecond} polls/s, ${Math.round(bench.notModifiedShare * 100)}% answered 304, ${bench.pollErrors} poll errors${bench.clientCores === undefined ? '' : `; the client used ${bench.clientCores} of the 2 cores`}; cached article ${bench.cached.requestsPerSecond} req/s, p99 ${bench.cached.p99} ms, ${bench.cached.errors} errors)`;
}
