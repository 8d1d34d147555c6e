import { execFileSync, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { failCommand, integerOption, parseCommandLine } from './lib/cli';
import { nginxBinary, startNginx, type RunningNginx } from './lib/nginx';
import { config } from '../lib/platform/config';
import { claimsBenchLine, measureClaimsCheck, type ClaimsBench } from './lib/claims-bench';
import { liveBenchLine, measureLiveReaders, type LiveBench } from './lib/live-bench';
import { DEMO_LIVE_SLUG } from './lib/demo-slugs';
import { listeningPid, loadAverage, processCpuMs } from './lib/process-cpu';
import { captureOutput, groupStopper, waitForHttp } from './lib/child-processes';
import { SERVER_NODE_FLAGS, serverEnvironment } from '../lib/platform/startup';
import { freePort } from './lib/embedded-postgres';
import { startPrivateRedis } from './test-support/private-redis';

/**
 * `npm run bench -- --label demo|100k [--url http://localhost:3000] [--seconds 10] [--no-lighthouse] [--rows a,b]`
 *
 * Measures a production server that is already running (this builds nothing), with autocannon, one
 * endpoint after another, and writes bench/results-<label>.json and bench/RESULTS.md. Every figure
 * is also given as a ratio to a bare Node http server sending the same article bytes from memory,
 * measured in the same run: this machine's limit. It puts Kiji's nginx configuration in front of
 * the server for the "behind nginx" figure (Debian's nginx; --nginx URL names one already running),
 * and runs Lighthouse 12.2.3 in mobile mode on the article and the home page before the load.
 * Not a test: machines are noisy. Each figure also gives the server's CPU per request (and its
 * database's, where PostgreSQL runs on this machine), read from /proc before and after it, and the
 * machine's load average when it ended: CPU per request is what a shared machine measures honestly.
 * `--rows` runs some groups of rows only (see ROW_GROUPS); write them under a label of their own.
 */

/** The groups of rows `--rows` chooses from; all of them by default. */
const ROW_GROUPS = {
  pages: 'bare Node, cached pages, static file, bot 404s, search, uncached renders, nginx',
  'under-edits': 'a cached article quiet, then while another article is imported every 2 s (issue #28)',
  'redis-outage': 'a second instance with a Redis of its own: cached pages, then with that Redis stopped (issue #28)',
  'distinct-renders': 'uncached renders of up to 10,000 distinct articles, first and last 1,000 (issue #29)',
  propagation: 'a change committed with SQL reaching the cached page',
  admin: "the editors' dashboard pages",
  soak: 'minutes of mixed traffic, RSS sampled (--soak S)',
  lighthouse: 'Lighthouse on the article and home pages (--no-lighthouse)',
  claims: 'the claim checker, in this process',
  live: '5,000 live readers polling the demo live page while updates are posted, a cached article meanwhile (issue #26)',
} as const;
type RowGroup = keyof typeof ROW_GROUPS;

const BENCH_SPEC = {
  name: 'bench',
  usage:
    '--label demo|100k [--url URL] [--database-url URL] [--seconds S] [--connections C] [--article PATH] [--nginx URL] [--soak S] [--no-lighthouse] [--rows GROUP,…] [--distinct N] [--server-pid PID] [--report-only]',
  description:
    'Benchmarks a production server that is already running (start one with npm start), and writes bench/results-<label>.json and bench/RESULTS.md.\n' +
    '--report-only rewrites RESULTS.md from the saved results without measuring.\n' +
    `--rows runs only the groups named: ${Object.keys(ROW_GROUPS).join(', ')}.\n` +
    "--server-pid names the server's process, for its CPU time (else: whatever listens on --url's port).",
  options: {
    url: { type: 'string', default: config().BENCH_URL },
    seconds: { type: 'string', default: '10' },
    connections: { type: 'string', default: '20' },
    label: { type: 'string', default: 'demo' },
    article: { type: 'string' },
    nginx: { type: 'string', default: config().BENCH_NGINX_URL ?? '' },
    /** Seconds of mixed traffic at the end, with the server's RSS sampled throughout (0: none). */
    soak: { type: 'string', default: '180' },
    'no-lighthouse': { type: 'boolean', default: false },
    'report-only': { type: 'boolean', default: false },
    rows: { type: 'string', default: Object.keys(ROW_GROUPS).join(',') },
    /** How many distinct articles the distinct-renders row renders (at most; the published ones there are). */
    distinct: { type: 'string', default: '10000' },
    'server-pid': { type: 'string' },
    /** The server's database: with it, the time a committed change takes to reach readers is measured too. */
    'database-url': { type: 'string', default: config().DATABASE_URL ?? '' },
  },
} as const;
const { values } = parseCommandLine(BENCH_SPEC);
if (!/^[\w-]+$/.test(values.label))
  failCommand('bench', `--label must be letters, digits, - or _ (got ${JSON.stringify(values.label)})`);
for (const name of ['seconds', 'connections', 'soak', 'distinct'] as const) {
  try {
    integerOption(name, values[name], { min: name === 'soak' ? 0 : 1, max: name === 'distinct' ? 100_000 : 10_000 });
  } catch (error) {
    failCommand('bench', (error as Error).message);
  }
}
const rows = new Set(values.rows.split(',').map((row) => row.trim()));
for (const row of rows)
  if (!(row in ROW_GROUPS))
    failCommand('bench', `--rows: no group ${JSON.stringify(row)} (groups: ${Object.keys(ROW_GROUPS).join(', ')})`);
const wants = (group: RowGroup) => rows.has(group);
if (!values['report-only']) {
  const reachable = await fetch(values.url, { signal: AbortSignal.timeout(10_000) }).then(
    () => true,
    () => false,
  );
  if (!reachable)
    failCommand('bench', `no server answers at ${values.url}: start one (npm run build && npm start), or pass --url`);
}

const base = values.url!.replace(/\/$/, '');
const seconds = Number(values.seconds);
const connections = Number(values.connections);
/** The server measured: its CPU time is read before and after each figure. */
const serverPid = values['server-pid'] ? Number(values['server-pid']) : listeningPid(Number(new URL(base).port || 80));
const BENCH_DIR = path.resolve(import.meta.dirname, '../bench');
/** Budget for a committed change to reach a reader's cached page (issue #12, decision 0012). */
const PROPAGATION_BUDGET_MS = 2_000;
/** A cached article keeps this share of its throughput while another article is edited every 2 s (issue #28). */
const UNDER_EDITS_TO_CACHED = 0.8;
/** ...and this share of its requests is served from the cache, not rendered. */
const UNDER_EDITS_FROM_CACHE = 0.99;
/** How often the other article is edited while the cached one is measured. */
const EDIT_EVERY_MS = 2_000;
/** A 404 a bot asks for again is served from what the server knows, about as fast as a cached page. */
const MISSING_TO_CACHED = 0.8;
/**
 * A browser's request (Brotli accepted) for a cached page gets bytes compressed once per render;
 * compressing per request, as before, served it at about a quarter of the plain rate.
 */
const BROTLI_TO_PLAIN = 0.7;
/** The server's resident memory, fresh and after minutes of mixed traffic. */
const RSS_BUDGET_MB = 400;
/** Every page of the editors' dashboard answers within this at p95 (issue #13), by data set. */
const ADMIN_P95_BUDGET_MS: Record<string, number> = { demo: 300, '100k': 500 };
/** Requests per admin page: the first (a cold page) is reported apart, the rest give the p95. */
const ADMIN_REQUESTS = 30;
/**
 * The article list opens within this at p95 in a real browser, with a full page (50) listed (issue
 * #27): from the navigation's start to its load event, one load straight after another, so that
 * whatever a load sets off (prefetches) is still running when the next one starts, as it is for an
 * editor going back to the list.
 */
const ADMIN_LIST_BROWSER_BUDGET_MS = 300;
/** The list's full page, which the budget is for. */
const ADMIN_LIST_FULL_PAGE = 50;
/** Reads while a server's Redis is stopped answer within this at p99, with no errors (issue #28). */
const REDIS_DOWN_P99_MS = 1_000;
/** An uncached article render costs at most this much server CPU, app and database (issue #29). */
const RENDER_CPU_BUDGET_MS = 15;
/** The last 1,000 of 10,000 distinct renders cost within this share of the first 1,000 (issue #29). */
const RENDER_CPU_DRIFT = 0.15;
/** Distinct articles rendered once each, and how many at each end are compared. */
const DISTINCT_RENDERS = Number(values.distinct);
const DISTINCT_ENDS = 1_000;

type LighthouseScores = Record<'performance' | 'accessibility' | 'best-practices' | 'seo', number> & {
  /** Audits left out, and why: demo content says noindex on purpose (docs/decisions/0020). */
  skipped?: string[];
};

type BenchRun = {
  label: string;
  date: string;
  machine: string;
  commit: string;
  seconds: number;
  connections: number;
  article: string;
  serverRssMbAfter: number | null;
  figures: Figure[];
  /** Milliseconds from the commit of an UPDATE made with SQL to the cached article page showing it. */
  propagationMs?: number[] | null;
  /** Minutes of mixed traffic, and the server's RSS sampled every 5 s throughout. */
  soak?: { seconds: number; requests: number; rssMb: number[] } | null;
  lighthouse?: Record<string, LighthouseScores | { error: string }>;
  /** Each dashboard page, signed in as an editor: its first answer and its p95 over the rest. */
  admin?: { page: string; firstMs: number; p95Ms: number }[] | null;
  /** The article list opened in Chromium, load after load (issue #27). */
  adminListBrowser?: AdminListInBrowser | { error: string } | null;
  /** The claim checker on a 4,000-character article against five snapshots, in this process (issue #25). */
  claimsCheck?: ClaimsBench | null;
  /** The groups of rows this run measured (all of them when absent: runs before --rows). */
  rows?: string[];
  /** The machine's 1-minute load average when the run began and ended (other work shares it). */
  load?: { start: number; end: number };
  /** Live readers polling the live page while updates are posted (issue #26). */
  live?: LiveBench | null;
  /** Uncached renders of distinct articles (issue #29): how many, and what the cache said of them. */
  distinctRenders?: { articles: number; misses: number; dataset: string } | null;
};

type AdminListInBrowser = {
  /** Articles the list showed. */
  listed: number;
  loads: number;
  /** Navigation start to load event: the first load apart, then the p50 and p95 of the rest. */
  firstMs: number;
  p50Ms: number;
  p95Ms: number;
  /** Navigation start to the first byte of the document, p95 of the same loads. */
  firstByteP95Ms: number;
  /** Requests the browser made from one load's start until the network was idle. */
  requestsPerLoad: number;
};

type Figure = {
  name: string;
  requestsPerSecond: number;
  p50: number;
  p99: number;
  p95: number;
  errors: number;
  non2xx: number;
  note?: string;
  /** The share of answers served from the cache (x-nextjs-cache HIT or STALE), where counted. */
  fromCache?: number;
  /** Requests completed in the figure. */
  requests?: number;
  /** Milliseconds of the server process's CPU (every thread) per completed request. */
  serverCpuMs?: number | null;
  /** Milliseconds of CPU of the database's server processes for this database per request (local PostgreSQL only). */
  databaseCpuMs?: number | null;
  /** The machine's 1-minute load average as the figure ended. */
  load1?: number;
};

async function measure(
  name: string,
  options: Partial<autocannon.Options> & { url: string },
  note?: string,
  pid: number | null = serverPid,
): Promise<Figure> {
  process.stderr.write(`  ${name}… `);
  const cpuBefore = pid ? processCpuMs(pid) : null;
  const databaseBefore = await databaseCpu?.snapshot();
  // A number of requests (`amount`) or, by default, a duration.
  const result = await autocannon({ connections, ...(options.amount ? {} : { duration: seconds }), ...options });
  const cpuAfter = pid ? processCpuMs(pid) : null;
  const databaseAfter = await databaseCpu?.snapshot();
  const requests = result.requests.total;
  const perRequest = (ms: number | null) =>
    ms === null || requests === 0 ? null : Math.round((ms / requests) * 100) / 100;
  const figure: Figure = {
    name,
    requestsPerSecond: Math.round(result.requests.average),
    p50: result.latency.p50,
    // autocannon reports p97.5, not p95: an upper bound, so a met p95 target is met for certain.
    p95: (result.latency as unknown as Record<string, number>).p97_5 ?? result.latency.p99,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
    note,
    requests,
    serverCpuMs: perRequest(cpuBefore === null || cpuAfter === null ? null : cpuAfter - cpuBefore),
    databaseCpuMs: perRequest(
      databaseBefore && databaseAfter ? DatabaseCpu.spent(databaseBefore, databaseAfter) : null,
    ),
    load1: loadAverage(),
  };
  process.stderr.write(
    `${figure.requestsPerSecond} req/s, p50 ${figure.p50} ms, p99 ${figure.p99} ms, CPU ${figure.serverCpuMs ?? '?'} + ${figure.databaseCpuMs ?? '?'} ms/req, load ${figure.load1}\n`,
  );
  return figure;
}

/**
 * The CPU time of the PostgreSQL processes serving the benchmarked database (pg_stat_activity),
 * read from /proc: only where PostgreSQL runs on this machine and this user may read them.
 */
class DatabaseCpu {
  private constructor(private readonly client: import('pg').Client) {}

  static async open(databaseUrl: string): Promise<DatabaseCpu | null> {
    const { default: pg } = await import('pg');
    const client = new pg.Client({ connectionString: databaseUrl });
    try {
      await client.connect();
      const probe = new DatabaseCpu(client);
      const first = await probe.snapshot();
      if (first && first.size > 0) return probe;
    } catch {
      // not reachable: no database figure
    }
    await client.end().catch(() => {});
    return null;
  }

  /** Each backend of this database (but this connection): its CPU so far, in ms. */
  async snapshot(): Promise<Map<number, number> | null> {
    try {
      const { rows } = await this.client.query<{ pid: number }>(
        'SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()',
      );
      const spent = new Map<number, number>();
      for (const { pid } of rows) {
        const ms = processCpuMs(pid);
        if (ms !== null) spent.set(pid, ms);
      }
      return spent;
    } catch {
      return null;
    }
  }

  /** CPU spent between two snapshots: a backend that started meanwhile counts from zero. */
  static spent(before: Map<number, number>, after: Map<number, number>): number {
    let total = 0;
    for (const [pid, ms] of after) total += ms - (before.get(pid) ?? 0);
    return total;
  }

  close(): Promise<void> {
    return this.client.end().catch(() => {});
  }
}
const databaseCpu =
  values['database-url'] && !values['report-only'] ? await DatabaseCpu.open(values['database-url']) : null;

async function firstArticleSlug(): Promise<string> {
  if (values.article) return values.article;
  const html = await (await fetch(`${base}/`)).text();
  // An ordinary article: the demo live page (the live row's) may be the newest.
  const slug = [...html.matchAll(/href="\/articles\/([a-z0-9-]+)"/g)]
    .map((match) => match[1]!)
    .find((candidate) => candidate !== DEMO_LIVE_SLUG);
  if (!slug) throw new Error(`No article link on ${base}/ — is the server running with articles?`);
  return slug;
}

async function bareNodeServer(body: Buffer): Promise<{ url: string; close: () => Promise<void> }> {
  const server = createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-length': body.length });
    response.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** The measured server's resident memory (the process listening at --url, or --server-pid). */
function serverRssMb(): number | null {
  if (!serverPid) return null;
  try {
    const rss = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${serverPid}/status`, 'utf8'))?.[1] ?? NaN);
    return Number.isFinite(rss) ? Math.round(rss / 1024) : null;
  } catch {
    return null;
  }
}

function commit(): string {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
  } catch {
    return 'unknown';
  }
}

/**
 * Kiji names only system fonts. A phone has Japanese ones; a server often has none, and then the
 * browser searches every font for each glyph, which Lighthouse counts as blocking time.
 */
function japaneseFonts(): string {
  try {
    const families = execFileSync('fc-list', [':lang=ja', 'family'], { encoding: 'utf8' })
      .trim()
      .split('\n')
      .filter(Boolean);
    return families.length > 0
      ? `Japanese fonts for the browser: ${families.length} (${families[0]!.split(',')[0]}…)`
      : 'no Japanese fonts for the browser';
  } catch {
    return 'Japanese fonts for the browser: unknown (no fc-list)';
  }
}

/** Lighthouse's default form factor is mobile (emulated Moto G Power, slow 4G, 4× CPU slowdown). */
function lighthouse(url: string, skipped: string[] = []): LighthouseScores | { error: string } {
  const chrome = config().CHROME_PATH;
  try {
    const output = execFileSync(
      path.resolve(import.meta.dirname, '../node_modules/.bin/lighthouse'),
      [
        url,
        '--output=json',
        '--quiet',
        '--only-categories=performance,accessibility,best-practices,seo',
        ...(skipped.length > 0 ? [`--skip-audits=${skipped.join(',')}`] : []),
        '--chrome-flags=--headless=new --no-sandbox --disable-gpu --disable-background-networking --disable-component-update --disable-sync --no-first-run --disable-quic',
      ],
      {
        env: { ...process.env, CHROME_PATH: chrome },
        encoding: 'utf8',
        maxBuffer: 256 * 1024 * 1024,
        timeout: 180_000,
      },
    );
    const report = JSON.parse(output) as { categories: Record<string, { score: number | null }> };
    const score = (name: string) => Math.round((report.categories[name]?.score ?? 0) * 100);
    return {
      performance: score('performance'),
      accessibility: score('accessibility'),
      'best-practices': score('best-practices'),
      seo: score('seo'),
      ...(skipped.length > 0 ? { skipped } : {}),
    };
  } catch (error) {
    return { error: (error as Error).message.split('\n')[0]!.slice(0, 200) };
  }
}

if (!values['report-only']) await measureAll();

async function measureAll(): Promise<void> {
  const loadAtStart = loadAverage();
  const slug = await firstArticleSlug();
  const articleUrl = `${base}/articles/${slug}`;
  const articleBytes = Buffer.from(await (await fetch(articleUrl)).arrayBuffer());
  for (const warm of [articleUrl, `${base}/`, `${base}/category/world`]) await fetch(warm);
  if (!serverPid) process.stderr.write(`  no server CPU figures: no process found listening at ${base}\n`);

  const lighthouseScores: Record<string, LighthouseScores | { error: string }> = {};
  if (wants('lighthouse') && !values['no-lighthouse']) {
    for (const [name, url] of [
      ['article', articleUrl],
      ['home', `${base}/`],
    ] as const) {
      process.stderr.write(`  Lighthouse (mobile) on the ${name} page… `);
      // Demo content is noindex on purpose: SEO is scored without the crawlability audit then, and
      // the results say so. A real article is scored on everything.
      // On the demo data every article is demo content.
      const skipped = name === 'article' && values.label === 'demo' ? ['is-crawlable'] : [];
      // Lighthouse now and then fails to record a trace (NO_NAVSTART); one retry tells noise from a fault.
      let scores = lighthouse(url, skipped);
      if ('error' in scores) scores = lighthouse(url, skipped);
      lighthouseScores[name] = scores;
      process.stderr.write(`${JSON.stringify(lighthouseScores[name])}\n`);
    }
  }

  process.stderr.write(`Benchmarking ${base} (${values.label}), ${seconds}s × ${connections} connections per figure\n`);
  const figures: Figure[] = [];
  const bulk = await bulkArticles();
  if (wants('pages')) figures.push(...(await measurePages(slug, articleUrl, articleBytes, bulk)));
  const databaseUrl = values['database-url'];
  if (databaseUrl && wants('under-edits')) figures.push(...(await measureUnderEdits(databaseUrl, slug, articleUrl)));
  if (databaseUrl && wants('redis-outage')) figures.push(...(await measureRedisOutage(databaseUrl, slug)));
  let distinctRenders: BenchRun['distinctRenders'] = null;
  let distinctAfterSoak: string[] = [];
  if (databaseUrl && wants('distinct-renders')) {
    const measured = await measureDistinctRenders(databaseUrl);
    if (measured) {
      figures.push(...measured.figures);
      distinctRenders = measured.summary;
      distinctAfterSoak = measured.afterSoak;
    }
  }
  const propagationMs =
    databaseUrl && wants('propagation') ? await measurePropagation(databaseUrl, slug, articleUrl) : null;
  const live = databaseUrl && wants('live') ? await measureLive(databaseUrl, articleUrl) : null;
  const soakSeconds = wants('soak') ? Number(values.soak) : 0;
  // Before the soak: its failed sign-ins put this address over the sign-in limit.
  const admin = databaseUrl && wants('admin') ? await measureAdminPages(databaseUrl, slug) : null;
  const soak = soakSeconds > 0 ? await soakRun(base, slug, soakSeconds, bulk > 0) : null;
  // The same renders after the soak (issue #29: the cost must not grow with the server's age).
  if (soak && distinctAfterSoak.length >= DISTINCT_ENDS) {
    figures.push(
      await renderEach(
        `uncached render after the soak: ${DISTINCT_ENDS.toLocaleString('en')} distinct articles`,
        distinctAfterSoak,
      ),
    );
  }
  await databaseCpu?.close();

  const result: BenchRun = {
    label: values.label!,
    date: new Date().toISOString(),
    machine: `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, ${os.platform()} ${os.release()}, Node ${process.version}, ${japaneseFonts()}`,
    commit: commit(),
    seconds,
    connections,
    article: slug,
    serverRssMbAfter: serverRssMb(),
    figures,
    propagationMs,
    soak,
    lighthouse: lighthouseScores,
    admin: admin?.pages ?? null,
    adminListBrowser: admin?.listInBrowser ?? null,
    // No server involved: the same figure `npm run bench:claims` prints.
    claimsCheck: wants('claims') ? measureClaimsCheck() : null,
    live,
    rows: [...rows],
    load: { start: loadAtStart, end: loadAverage() },
    distinctRenders,
  };
  await mkdir(BENCH_DIR, { recursive: true });
  await writeFile(path.join(BENCH_DIR, `results-${values.label}.json`), `${JSON.stringify(result, null, 2)}\n`);
}

/** The live row (scripts/lib/live-bench.ts): the demo live page, when the database holds it. */
async function measureLive(databaseUrl: string, articleUrl: string): Promise<LiveBench | null> {
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const found = await client.query(
    `SELECT 1 FROM articles WHERE slug = $1 AND kind = 'live' AND status = 'published'`,
    [DEMO_LIVE_SLUG],
  );
  await client.end();
  if (found.rowCount === 0) {
    process.stderr.write(`  live readers… skipped: no live page ${DEMO_LIVE_SLUG} (npm run db:seed loads it)\n`);
    return null;
  }
  process.stderr.write('  live readers…');
  const bench = await measureLiveReaders(base, databaseUrl, DEMO_LIVE_SLUG, new URL(articleUrl).pathname);
  process.stderr.write(` ${liveBenchLine(bench).slice(2)}\n`);
  return bench;
}

/** How many generated articles the database holds (by their highest number); 100,000 assumed for the 100k label without a database URL. */
async function bulkArticles(): Promise<number> {
  if (!values['database-url']) return values.label === '100k' ? 100_000 : 0;
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: values['database-url'] });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: number }>(
      `SELECT coalesce(max(substring(slug from 6)::int), 0) AS n FROM articles WHERE slug ~ '^bulk-[0-9]+$'`,
    );
    return rows[0]?.n ?? 0;
  } finally {
    await client.end();
  }
}

/** The pages readers and bots ask for, each on its own, and the machine's limit beside them. */
/** `bulk`: how many generated articles (`bulk-<n>`, npm run db:seed:bulk) the database holds, 0 for none. */
async function measurePages(slug: string, articleUrl: string, articleBytes: Buffer, bulk: number) {
  let nginx: RunningNginx | null = null;
  let nginxUrl = values.nginx ? values.nginx.replace(/\/$/, '') : '';
  if (!nginxUrl) {
    try {
      nginxBinary();
      const upstream = Number(new URL(base).port || 80);
      nginx = await startNginx(upstream + 80, [upstream]);
      nginxUrl = `http://127.0.0.1:${nginx.port}`;
    } catch (error) {
      process.stderr.write(`  no nginx figure: ${(error as Error).message}\n`);
    }
  }
  const bare = await bareNodeServer(articleBytes);
  const figures: Figure[] = [];
  // The bare server runs in this process: its CPU is not the Kiji server's.
  figures.push(
    await measure(
      'bare Node http server, same article bytes (this machine’s limit)',
      { url: bare.url },
      undefined,
      null,
    ),
  );
  await bare.close();
  figures.push(await measure('cached article', { url: articleUrl }));
  // What a browser asks for: the fast path sends a copy compressed once per render.
  figures.push(
    await measure('cached article, Brotli as a browser accepts it', {
      url: articleUrl,
      headers: { 'accept-encoding': 'gzip, deflate, br, zstd' },
    }),
  );
  figures.push(await measure('home page', { url: `${base}/` }));
  figures.push(await measure('category page', { url: `${base}/category/world` }));
  figures.push(await measure('static file from public/', { url: `${base}/humans.txt` }));
  // What bots ask for all day: a missing article, asked for again. The first request teaches the
  // server it is missing (the proxy's memo); the rest are answered from there (lib/cache/known-missing.ts).
  const missingUrl = `${base}/articles/bench-missing-article`;
  await fetch(missingUrl);
  figures.push(
    await measure('missing article, asked again (a bot’s 404)', { url: missingUrl }, 'non-2xx: every answer is a 404'),
  );
  figures.push(await measure('search, 2 characters (停戦)', { url: `${base}/search?q=${encodeURIComponent('停戦')}` }));
  figures.push(
    await measure('search, 4 characters (トマホーク → 為替相場 at scale)', {
      url: `${base}/search?q=${encodeURIComponent(values.label === '100k' ? '為替相場' : 'トマホーク')}`,
    }),
  );

  // Uncached renders: a different article on every request, each rendered for the first time.
  let next = Math.floor(Math.random() * Math.max(bulk, 1));
  figures.push(
    await measure(
      'uncached article render (a new article each request)',
      {
        url: base,
        requests: [
          {
            setupRequest: (request) => ({
              ...request,
              path: bulk ? `/articles/bulk-${((next += 7) % bulk) + 1}` : `/articles/${slug}?nocache=${next++}`,
            }),
          },
        ],
      },
      bulk
        ? 'about 3% of bulk articles are drafts: their 404s are the non-2xx'
        : 'demo data has too few articles to avoid the cache: this row is only meaningful at 100k',
    ),
  );
  if (nginxUrl)
    figures.push(await measure('cached article behind nginx (micro-cache)', { url: `${nginxUrl}/articles/${slug}` }));
  await nginx?.dispose();
  return figures;
}

// RESULTS.md from every run on file.
const runs = await Promise.all(
  (await readdir(BENCH_DIR))
    .filter((file) => /^results-.*\.json$/.test(file))
    .sort()
    .map(async (file) => JSON.parse(await readFile(path.join(BENCH_DIR, file), 'utf8')) as BenchRun),
);
const lines = [
  '# Kiji benchmark results',
  '',
  'Written by `npm run bench`; do not edit by hand. Ratios are to the bare Node server measured in the same run.',
  '',
];
for (const run of runs) {
  const find = (prefix: string) => run.figures.find((figure) => figure.name.startsWith(prefix));
  // The machine's limit, where this run measured it (runs of some rows only may not have).
  const limit = find('bare Node')?.requestsPerSecond ?? null;
  lines.push(
    `## ${run.label}`,
    '',
    `- date: ${run.date}`,
    `- machine: ${run.machine}`,
    `- commit: ${run.commit}`,
    `- ${run.seconds} s × ${run.connections} connections per figure; article: \`${run.article}\``,
    ...(run.rows ? [`- rows measured: ${run.rows.join(', ')}`] : []),
    ...(run.load
      ? [
          `- the machine's load average (1 min, 2 cores shared with other work) at the start ${run.load.start}, at the end ${run.load.end}`,
        ]
      : []),
    ...(run.distinctRenders
      ? [
          `- distinct renders: ${run.distinctRenders.articles} articles (${run.distinctRenders.dataset}), ${run.distinctRenders.misses} of the answers rendered`,
        ]
      : []),
    `- server RSS after the run: ${run.serverRssMbAfter ?? 'not measured'} MB`,
    '',
  );
  const withCpu = run.figures.some((figure) => figure.serverCpuMs !== undefined);
  lines.push(
    `| figure | req/s | ratio to bare Node | p50 ms | p99 ms | errors / non-2xx |${withCpu ? ' server CPU ms/req | database CPU ms/req | load |' : ''}`,
    `| --- | ---: | ---: | ---: | ---: | ---: |${withCpu ? ' ---: | ---: | ---: |' : ''}`,
  );
  for (const figure of run.figures) {
    const cpu = withCpu
      ? ` ${figure.serverCpuMs ?? '–'} | ${figure.databaseCpuMs ?? '–'} | ${figure.load1 ?? '–'} |`
      : '';
    lines.push(
      `| ${figure.name}${figure.note ? ` (${figure.note})` : ''} | ${figure.requestsPerSecond} | ${limit ? (figure.requestsPerSecond / limit).toFixed(2) : '–'} | ${figure.p50} | ${figure.p99} | ${figure.errors} / ${figure.non2xx} |${cpu}`,
    );
  }
  const cached = find('cached article');
  const staticFile = find('static file');
  const uncached = find('uncached article render');
  const search = find('search, 2');
  const nginx = find('cached article behind nginx');
  const missing = find('missing article');
  const brotli = find('cached article, Brotli');
  const check = (ok: boolean | null) => (ok === null ? 'not measured' : ok ? 'met' : '**missed**');
  const pages = !run.rows || run.rows.includes('pages');
  lines.push('', 'Targets:');
  if (pages && cached && staticFile && uncached && search)
    lines.push(
      `- cached article ≥ static file: ${check(cached.requestsPerSecond >= staticFile.requestsPerSecond)} (${cached.requestsPerSecond} vs ${staticFile.requestsPerSecond})`,
      `- article behind nginx ≥ 50% of bare Node: ${check(nginx && limit ? nginx.requestsPerSecond >= limit / 2 : null)}`,
      `- a cached article in Brotli ≥ ${BROTLI_TO_PLAIN * 100}% of the plain one: ${check(brotli ? brotli.requestsPerSecond >= cached.requestsPerSecond * BROTLI_TO_PLAIN : null)}${brotli ? ` (${brotli.requestsPerSecond} vs ${cached.requestsPerSecond})` : ''}`,
      `- a missing article asked again ≥ ${MISSING_TO_CACHED * 100}% of a cached article: ${check(missing ? missing.requestsPerSecond >= cached.requestsPerSecond * MISSING_TO_CACHED : null)}${missing ? ` (${missing.requestsPerSecond} vs ${cached.requestsPerSecond})` : ''}`,
      // The demo data has nine articles: its "uncached" requests are cache hits, so only 100k tells.
      uncached.note?.includes('bulk')
        ? `- uncached render ≥ 15% of cached: ${check(uncached.requestsPerSecond >= cached.requestsPerSecond * 0.15)} (${uncached.requestsPerSecond} vs ${cached.requestsPerSecond})`
        : '- uncached render ≥ 15% of cached: not measurable on the demo data (see 100k)',
      uncached.note?.includes('bulk')
        ? `- search p95 ≤ 3× uncached article p95: ${check(search.p95 <= uncached.p95 * 3)} (${search.p95} ms vs ${uncached.p95} ms)`
        : '- search p95 ≤ 3× uncached article p95: not measurable on the demo data (see 100k)',
    );
  if (!run.rows || run.rows.includes('under-edits')) lines.push(underEditsLine(run));
  if (run.rows?.includes('redis-outage')) lines.push(redisOutageLine(run));
  if (run.rows?.includes('distinct-renders')) lines.push(...distinctRenderLines(run));
  lines.push(
    `- server RSS ≤ ${RSS_BUDGET_MB} MB after the run: ${check(run.serverRssMbAfter === null ? null : run.serverRssMbAfter <= RSS_BUDGET_MB)}`,
  );
  if (!run.rows || run.rows.includes('soak'))
    lines.push(
      run.soak?.rssMb.length
        ? `- server RSS ≤ ${RSS_BUDGET_MB} MB throughout ${run.soak.seconds} s of mixed traffic (${run.soak.requests} requests: cached and uncached articles, home, search, bot 404s, failed logins): ${check(Math.max(...run.soak.rssMb) <= RSS_BUDGET_MB)} (peak ${Math.max(...run.soak.rssMb)} MB, last ${run.soak.rssMb.at(-1)} MB, ${run.soak.rssMb.length} samples)`
        : `- server RSS ≤ ${RSS_BUDGET_MB} MB throughout a soak of mixed traffic: not measured (--soak 0)`,
    );
  if (!run.rows || run.rows.includes('propagation'))
    lines.push(
      run.propagationMs?.length
        ? `- a change committed with SQL reaches the cached article page within ${PROPAGATION_BUDGET_MS} ms: ${check(Math.max(...run.propagationMs) <= PROPAGATION_BUDGET_MS)} (median ${median(run.propagationMs)} ms, worst ${Math.max(...run.propagationMs)} ms over ${run.propagationMs.length})`
        : `- a change committed with SQL reaches readers within ${PROPAGATION_BUDGET_MS} ms: not measured (pass --database-url, or set DATABASE_URL)`,
    );
  if (!run.rows || run.rows.includes('lighthouse')) lines.push(...lighthouseLines(run.lighthouse));
  if (!run.rows || run.rows.includes('admin')) lines.push(...adminLines(run));
  if (!run.rows || run.rows.includes('claims')) lines.push(claimsBenchLine(run.claimsCheck));
  if (run.rows?.includes('live')) lines.push(liveBenchLine(run.live));
  lines.push('');
}

function redisOutageLine(run: BenchRun): string {
  const down = run.figures.find((figure) => figure.name.includes('Redis stopped'));
  const label = `reads while a server's Redis is stopped: p99 under ${REDIS_DOWN_P99_MS} ms, no errors`;
  if (!down) return `- ${label}: not measured (needs --database-url, a production build and redis-server)`;
  const met = down.p99 < REDIS_DOWN_P99_MS && down.errors === 0 && down.non2xx === 0;
  return `- ${label}: ${met ? 'met' : '**missed**'} (p99 ${down.p99} ms, ${down.errors} errors, ${down.non2xx} non-2xx over ${down.requests ?? '?'} requests)`;
}

function distinctRenderLines(run: BenchRun): string[] {
  const first = run.figures.find((figure) => /distinct articles: first/.test(figure.name));
  const last = run.figures.find((figure) => /distinct articles: last/.test(figure.name));
  if (!first || !last || first.serverCpuMs == null || last.serverCpuMs == null)
    return ['- uncached render CPU: not measured (needs --database-url, bulk articles and the server’s process)'];
  const cost = (figure: Figure) => figure.serverCpuMs! + (figure.databaseCpuMs ?? 0);
  const drift = cost(last) / cost(first) - 1;
  const soaked = run.figures.find((figure) => /uncached render after the soak/.test(figure.name));
  const soakDrift = soaked?.serverCpuMs != null ? cost(soaked) / cost(first) - 1 : null;
  const soakLine =
    soakDrift === null
      ? `- renders after the soak cost within ${RENDER_CPU_DRIFT * 100}% of the first ${DISTINCT_ENDS}: not measured (needs the soak row with this one)`
      : `- renders after ${run.soak?.seconds ?? '?'} s of mixed traffic cost within ${RENDER_CPU_DRIFT * 100}% of the first ${DISTINCT_ENDS}: ${Math.abs(soakDrift) <= RENDER_CPU_DRIFT ? 'met' : '**missed**'} (${soaked!.serverCpuMs} + ${soaked!.databaseCpuMs ?? '?'} ms, ${soakDrift >= 0 ? '+' : ''}${(soakDrift * 100).toFixed(0)}%)`;
  return [
    soakLine,
    `- an uncached article render costs ≤ ${RENDER_CPU_BUDGET_MS} ms of server CPU (app and database): ${cost(first) <= RENDER_CPU_BUDGET_MS && cost(last) <= RENDER_CPU_BUDGET_MS ? 'met' : '**missed**'} (first ${DISTINCT_ENDS}: ${first.serverCpuMs} + ${first.databaseCpuMs ?? '?'} ms, last ${DISTINCT_ENDS}: ${last.serverCpuMs} + ${last.databaseCpuMs ?? '?'} ms)`,
    `- the last ${DISTINCT_ENDS} renders cost within ${RENDER_CPU_DRIFT * 100}% of the first ${DISTINCT_ENDS}: ${Math.abs(drift) <= RENDER_CPU_DRIFT ? 'met' : '**missed**'} (${drift >= 0 ? '+' : ''}${(drift * 100).toFixed(0)}%)`,
  ];
}
await writeFile(path.join(BENCH_DIR, 'RESULTS.md'), `${lines.join('\n')}\n`);

function adminLines(run: BenchRun): string[] {
  const budget = ADMIN_P95_BUDGET_MS[run.label] ?? ADMIN_P95_BUDGET_MS.demo!;
  if (!run.admin?.length) return [`- every admin page p95 ≤ ${budget} ms: not measured (pass --database-url)`];
  const worst = run.admin.reduce((a, b) => (b.p95Ms > a.p95Ms ? b : a));
  return [
    `- every admin page p95 ≤ ${budget} ms, signed in as an editor: ${run.admin.every((page) => page.p95Ms <= budget) ? 'met' : '**missed**'} (worst ${worst.page} ${worst.p95Ms} ms)`,
    ...run.admin.map((page) => `  - ${page.page}: first ${page.firstMs} ms, p95 ${page.p95Ms} ms`),
    adminListBrowserLine(run.adminListBrowser),
  ];
}

function adminListBrowserLine(list: BenchRun['adminListBrowser']): string {
  const target = `the article list opens within ${ADMIN_LIST_BROWSER_BUDGET_MS} ms at p95 in Chromium with ${ADMIN_LIST_FULL_PAGE} articles listed`;
  if (!list) return `- ${target}: not measured`;
  if ('error' in list) return `- ${target}: not measured (${list.error})`;
  const figures = `p95 ${list.p95Ms} ms, p50 ${list.p50Ms} ms, first ${list.firstMs} ms over ${list.loads} loads; first byte p95 ${list.firstByteP95Ms} ms; ${list.requestsPerLoad} requests a load; ${list.listed} listed`;
  if (list.listed < ADMIN_LIST_FULL_PAGE)
    return `- ${target}: not measurable on this data, ${list.listed} listed (${figures})`;
  return `- ${target}: ${list.p95Ms <= ADMIN_LIST_BROWSER_BUDGET_MS ? 'met' : '**missed**'} (${figures})`;
}

/**
 * The article list in Chromium (Debian's, CHROME_PATH), signed in as the bench editor:
 * one load straight after another, each timed from the navigation's start to its load event by the
 * browser's own Navigation Timing. Whatever a load sets off (a prefetch of every listed article's
 * edit page, as before) then runs into the next one, as it does for an editor.
 */
async function measureAdminListInBrowser(account: {
  email: string;
  password: string;
}): Promise<AdminListInBrowser | { error: string }> {
  const { chromium } = await import('@playwright/test');
  let browser;
  try {
    browser = await chromium.launch({ executablePath: config().CHROME_PATH });
  } catch (error) {
    return { error: `no browser: ${(error as Error).message.split('\n')[0]!.slice(0, 120)}` };
  }
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    // Signed in by the browser's own request: the session cookie lands in its jar as Better Auth set it.
    const signIn = await context.request.post(`${base}/api/auth/sign-in/email`, {
      data: account,
      headers: { Origin: base },
    });
    if (!signIn.ok()) return { error: `could not sign in (${signIn.status()})` };
    const page = await context.newPage();
    let requests = 0;
    page.on('request', () => (requests += 1));
    const loads: { loadMs: number; firstByteMs: number }[] = [];
    process.stderr.write(`  admin list in a browser… `);
    for (let i = 0; i <= ADMIN_REQUESTS; i++) {
      const response = await page.goto(`${base}/admin`, { waitUntil: 'load' });
      if (response?.status() !== 200 || !new URL(page.url()).pathname.startsWith('/admin'))
        throw new Error(`/admin answered ${response?.status()} at ${page.url()}`);
      loads.push(
        await page.evaluate(() => {
          const [entry] = performance.getEntriesByType('navigation') as PerformanceNavigationTiming[];
          return {
            loadMs: entry!.loadEventStart - entry!.startTime,
            firstByteMs: entry!.responseStart - entry!.startTime,
          };
        }),
      );
    }
    const listed = await page.locator('main tbody tr').count();
    // One more load, counted until the network rests: what it sets off, prefetches included.
    requests = 0;
    await page.goto(`${base}/admin`, { waitUntil: 'networkidle' });
    const requestsPerLoad = requests;
    const [first, ...rest] = loads;
    const p = (values: number[], share: number) => Math.round(values[Math.ceil(values.length * share) - 1]!);
    const sortedLoads = rest.map((load) => load.loadMs).sort((a, b) => a - b);
    const sortedFirstBytes = rest.map((load) => load.firstByteMs).sort((a, b) => a - b);
    const result = {
      listed,
      loads: loads.length,
      firstMs: Math.round(first!.loadMs),
      p50Ms: p(sortedLoads, 0.5),
      p95Ms: p(sortedLoads, 0.95),
      firstByteP95Ms: p(sortedFirstBytes, 0.95),
      requestsPerLoad,
    };
    process.stderr.write(`p95 ${result.p95Ms} ms, ${listed} listed, ${requestsPerLoad} requests a load\n`);
    return result;
  } finally {
    await browser.close();
  }
}

/**
 * The dashboard as an editor meets it: a throwaway editor account (made with \`npm run admin:create\`,
 * removed afterwards) signs in over HTTP, then asks for every editor page in turn. The first answer
 * is reported apart (the issue's complaint was a 6 s first open); the p95 is over the rest.
 */
async function measureAdminPages(databaseUrl: string, articleSlug: string) {
  const { default: pg } = await import('pg');
  const email = `bench-${Date.now().toString(36)}@kiji.invalid`;
  const password = `bench ${Math.random().toString(36).slice(2)} ${Date.now()}`;
  execFileSync(
    'npm',
    ['run', '-s', 'admin:create', '--', '--email', email, '--password', password, '--role', 'editor', '--name', '計測'],
    {
      env: { ...process.env, DATABASE_URL: databaseUrl },
      stdio: 'ignore',
    },
  );
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const signIn = await fetch(`${base}/api/auth/sign-in/email`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Origin: base },
      body: JSON.stringify({ email, password }),
    });
    const cookie = signIn.headers
      .getSetCookie()
      .map((line) => line.split(';')[0])
      .join('; ');
    if (!signIn.ok || !cookie) {
      process.stderr.write(`  admin pages: could not sign in (${signIn.status})\n`);
      return null;
    }
    const [row] = (await client.query<{ id: number }>('SELECT id FROM articles WHERE slug = $1', [articleSlug])).rows;
    const pages = [
      '/admin',
      '/admin/articles/new',
      ...(row
        ? [`/admin/articles/${row.id}`, `/admin/articles/${row.id}/revisions`, `/admin/articles/${row.id}/preview`]
        : []),
      '/admin/front-page',
      '/admin/audit',
      '/admin/messages',
      '/admin/import',
      '/admin/profile',
      '/admin?q=' + encodeURIComponent('物価'),
    ];
    const results: { page: string; firstMs: number; p95Ms: number }[] = [];
    for (const page of pages) {
      process.stderr.write(`  admin ${page}… `);
      const times: number[] = [];
      for (let i = 0; i <= ADMIN_REQUESTS; i++) {
        const started = performance.now();
        const response = await fetch(`${base}${page}`, { headers: { Cookie: cookie }, redirect: 'manual' });
        await response.arrayBuffer();
        if (response.status !== 200) throw new Error(`${page} answered ${response.status}`);
        times.push(performance.now() - started);
      }
      const [first, ...rest] = times;
      rest.sort((a, b) => a - b);
      const p95 = rest[Math.ceil(rest.length * 0.95) - 1]!;
      results.push({ page, firstMs: Math.round(first!), p95Ms: Math.round(p95) });
      process.stderr.write(`first ${Math.round(first!)} ms, p95 ${Math.round(p95)} ms\n`);
    }
    // A full page of the list for the browser: throwaway drafts (copies of the oldest article's
    // required fields) make up the demo data's few, and are deleted afterwards.
    const [{ count }] = (
      await client.query<{ count: number }>('SELECT count(*)::int AS count FROM articles WHERE deleted_at IS NULL')
    ).rows as [{ count: number }];
    const fillers = (
      await client.query<{ id: number }>(
        `INSERT INTO articles (slug, title, lead, status, category_id, disclaimer, updated_at)
         SELECT 'bench-list-' || g || '-' || $1, '計測用の下書き ' || g, a.lead, 'draft', a.category_id, a.disclaimer, now()
           FROM (SELECT lead, category_id, disclaimer FROM articles ORDER BY id LIMIT 1) a, generate_series(1, $2) g
         RETURNING id`,
        [Date.now().toString(36), Math.max(0, ADMIN_LIST_FULL_PAGE - count)],
      )
    ).rows.map((filler) => filler.id);
    try {
      return { pages: results, listInBrowser: await measureAdminListInBrowser({ email, password }) };
    } finally {
      if (fillers.length > 0) await client.query('DELETE FROM articles WHERE id = ANY($1)', [fillers]);
    }
  } finally {
    await client.query('DELETE FROM users WHERE email = $1', [email]);
    await client.end();
  }
}

/** Counts the answers the cache served (x-nextjs-cache HIT or STALE) while autocannon runs. */
function cacheCounter() {
  const counts = { answers: 0, fromCache: 0 };
  return {
    counts,
    onResponse: (
      _status: number,
      _body: string,
      _context: unknown,
      headers?: import('node:http').IncomingHttpHeaders,
    ) => {
      counts.answers += 1;
      const cache = Object.entries(headers ?? {}).find(([key]) => key.toLowerCase() === 'x-nextjs-cache')?.[1];
      if (cache === 'HIT' || cache === 'STALE') counts.fromCache += 1;
    },
    share: () => (counts.answers > 0 ? counts.fromCache / counts.answers : 0),
  };
}

/**
 * A cached article while the newsroom keeps writing (issue #28, decision 0026): its throughput
 * and how much of it the cache served, first with nothing written, then while another article is
 * imported every EDIT_EVERY_MS through the same writer as `npm run import`
 * (scripts/lib/bench-importer.ts: one process started before the measurement, so the window pays
 * for the imports, not for a process start-up every 2 s).
 */
async function measureUnderEdits(databaseUrl: string, articleSlug: string, url: string): Promise<Figure[]> {
  const importedSlug = 'bench-imported-under-load';
  const importer = spawn(
    process.execPath,
    [
      '--conditions=react-server',
      '--import',
      'tsx',
      path.resolve(import.meta.dirname, 'lib/bench-importer.ts'),
      importedSlug,
      '--every',
      String(EDIT_EVERY_MS),
    ],
    { env: { ...process.env, DATABASE_URL: databaseUrl }, stdio: ['pipe', 'pipe', 'pipe'] },
  );
  const output = captureOutput(importer);
  try {
    await new Promise<void>((resolve, reject) => {
      const check = setInterval(() => {
        if (/^ready$/m.test(output())) resolve();
        else if (importer.exitCode !== null) reject(new Error(`the bench importer failed: ${output()}`));
        else return;
        clearInterval(check);
      }, 100);
    });
    const counted = async (name: string, note: string) => {
      const counter = cacheCounter();
      const figure = await measure(name, { url, requests: [{ method: 'GET', onResponse: counter.onResponse }] }, note);
      return { ...figure, fromCache: counter.share() };
    };
    await fetch(url);
    const quiet = await counted('cached article, hits counted (nothing written)', 'the baseline of the next row');
    importer.stdin.write('start\n');
    const busy = await counted(
      `cached article while another article is imported every ${EDIT_EVERY_MS / 1000} s`,
      `${importedSlug} imported through the importer's writer; server CPU includes the expiries it hears`,
    );
    importer.stdin.end();
    await new Promise((resolve) => importer.once('exit', resolve));
    const imports = /imported (\d+)/.exec(output())?.[1] ?? '?';
    process.stderr.write(
      `  served from the cache: ${(quiet.fromCache * 100).toFixed(1)}% quiet, ${(busy.fromCache * 100).toFixed(1)}% under ${imports} imports\n`,
    );
    return [quiet, { ...busy, note: `${busy.note}; ${imports} imports` }];
  } finally {
    if (importer.exitCode === null) importer.kill('SIGKILL');
    // Out of the lists again: later rows and runs see the site as it was.
    const { default: pg } = await import('pg');
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    await client.query('UPDATE articles SET deleted_at = now() WHERE slug = $1', [importedSlug]);
    await client.end();
  }
}

/**
 * Redis down must not take the site down (issue #28, decision 0026): a second instance of the
 * server on this build, with a redis-server of the bench's own (never the machine's shared one),
 * is read at its cached pages with Redis up, then with that Redis stopped (the breaker keeps it
 * away; pages come from the instance's memory and the database). Its CPU is that instance's.
 */
async function measureRedisOutage(databaseUrl: string, articleSlug: string): Promise<Figure[]> {
  const serverFile = path.resolve(import.meta.dirname, '../.next/kiji-server.mjs');
  try {
    await readFile(serverFile);
  } catch {
    process.stderr.write('  no Redis outage figures: no production build (npm run build)\n');
    return [];
  }
  let redis: Awaited<ReturnType<typeof startPrivateRedis>>;
  try {
    redis = await startPrivateRedis(await freePort());
  } catch (error) {
    process.stderr.write(`  no Redis outage figures: ${(error as Error).message.split('\n')[0]}\n`);
    return [];
  }
  const port = await freePort();
  const instance = spawn(process.execPath, [...SERVER_NODE_FLAGS, serverFile], {
    env: serverEnvironment({
      ...process.env,
      NEXT_TELEMETRY_DISABLED: '1',
      DATABASE_URL: databaseUrl,
      REDIS_URL: redis.url,
      KIJI_CACHE_PREFIX: `bench-${port}:`,
      KIJI_SCHEDULER_INTERVAL_MS: '0',
      SITE_URL: `http://localhost:${port}`,
      PORT: String(port),
      BETTER_AUTH_SECRET:
        config().BETTER_AUTH_SECRET ?? `bench-${Math.random().toString(36).slice(2)}-0123456789abcdef`,
    }),
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output = captureOutput(instance);
  const stop = groupStopper(instance);
  const origin = `http://127.0.0.1:${port}`;
  const paths = [`/articles/${articleSlug}`, '/', '/category/world', '/category/society'];
  try {
    await waitForHttp(`${origin}/robots.txt`, instance, output, { timeoutMs: 120_000 });
    // Cached first, as a reader's pages would be (a fresh instance's first renders may fall in the
    // change feed's race window and not be kept: ask until each is a hit).
    for (const page of paths) {
      for (let tries = 0; tries < 100; tries++) {
        const response = await fetch(`${origin}${page}`);
        await response.arrayBuffer();
        if (response.headers.get('x-nextjs-cache') === 'HIT') break;
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    }
    let n = 0;
    const reading = () => ({
      url: origin,
      requests: [{ setupRequest: (request: autocannon.Request) => ({ ...request, path: paths[n++ % paths.length] }) }],
    });
    const up = await measure(
      'cached pages, an instance with Redis (article, home, two categories)',
      reading(),
      'the baseline of the next row',
      instance.pid ?? null,
    );
    await redis.stop();
    const down = await measure(
      'the same pages with that instance’s Redis stopped',
      reading(),
      `target: p99 under ${REDIS_DOWN_P99_MS} ms and no errors; served from the instance's memory and the database`,
      instance.pid ?? null,
    );
    const health = (await (await fetch(`${origin}/api/health`)).json()) as { redis?: string };
    process.stderr.write(`  health with Redis stopped: redis ${health.redis}\n`);
    return [up, { ...down, note: `${down.note}; health said redis: ${health.redis}` }];
  } finally {
    await stop();
    await redis.dispose();
  }
}

/** Each article of `slugs` asked for once, at the bench's connections. */
function renderEach(name: string, slugs: string[], note?: string, onResponse?: autocannon.Request['onResponse']) {
  let next = 0;
  return measure(
    name,
    {
      url: base,
      amount: slugs.length,
      requests: [
        { setupRequest: (request) => ({ ...request, path: `/articles/${slugs[next++ % slugs.length]}` }), onResponse },
      ],
    },
    note,
  );
}

/**
 * A miss that costs less (issue #29): distinct published articles, each asked for once, so every
 * request renders (the answers' x-nextjs-cache says how many did). The server's CPU (and the
 * database's) is read around the first and the last DISTINCT_ENDS renders: what one render costs
 * on this server, and whether it grows with the renders before it.
 */
async function measureDistinctRenders(databaseUrl: string) {
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  // Kept apart for after the soak: articles the soak never asks for (it walks bulk-1…bulk-90000).
  const afterSoak = (
    await client.query<{ slug: string }>(
      `SELECT slug FROM articles WHERE status = 'published' AND deleted_at IS NULL AND published_at <= now()
          AND slug ~ '^bulk-[0-9]+$' AND substring(slug from 6)::int > 90000
        ORDER BY md5(slug || $1) LIMIT $2`,
      [String(Date.now()), DISTINCT_ENDS],
    )
  ).rows.map((row) => row.slug);
  const slugs = (
    await client.query<{ slug: string }>(
      `SELECT slug FROM articles WHERE status = 'published' AND deleted_at IS NULL AND published_at <= now()
          AND slug <> ALL($3::text[])
        ORDER BY md5(slug || $1) LIMIT $2`,
      [String(Date.now()), DISTINCT_RENDERS, afterSoak],
    )
  ).rows.map((row) => row.slug);
  const [{ total }] = (await client.query<{ total: string }>('SELECT count(*) AS total FROM articles')).rows as [
    { total: string },
  ];
  await client.end();
  if (slugs.length < DISTINCT_ENDS * 2) {
    process.stderr.write(`  no distinct-render figures: ${slugs.length} published articles (npm run db:seed:bulk)\n`);
    return null;
  }
  const counter = cacheCounter();
  let next = 0;
  const phase = (name: string, amount: number, note?: string) =>
    renderEach(name, slugs.slice(next, (next += amount)), note, counter.onResponse);
  const ends = DISTINCT_ENDS.toLocaleString('en');
  const first = await phase(
    `uncached render over ${slugs.length.toLocaleString('en')} distinct articles: first ${ends}`,
    DISTINCT_ENDS,
  );
  const middle = slugs.length - 2 * DISTINCT_ENDS;
  const between =
    middle > 0
      ? await phase(`… the ${middle.toLocaleString('en')} between`, middle, 'renders between the first and last')
      : null;
  const last = await phase(
    `uncached render over ${slugs.length.toLocaleString('en')} distinct articles: last ${ends}`,
    DISTINCT_ENDS,
  );
  const misses = counter.counts.answers - counter.counts.fromCache;
  process.stderr.write(`  ${misses} of ${counter.counts.answers} answers were rendered (not from the cache)\n`);
  return {
    figures: [first, ...(between ? [between] : []), last],
    afterSoak,
    summary: {
      articles: slugs.length,
      misses,
      dataset: `${Number(total).toLocaleString('en')} articles in the database`,
    },
  };
}

function underEditsLine(run: BenchRun): string {
  const quiet = run.figures.find((figure) => figure.name.startsWith('cached article, hits counted'));
  const busy = run.figures.find((figure) => figure.name.startsWith('cached article while another article'));
  const label = `a cached article while another is imported every ${EDIT_EVERY_MS / 1000} s keeps ≥ ${UNDER_EDITS_TO_CACHED * 100}% of its throughput and is served from the cache ≥ ${UNDER_EDITS_FROM_CACHE * 100}% of the time`;
  if (!quiet || !busy || busy.fromCache === undefined)
    return `- ${label}: not measured (pass --database-url, or set DATABASE_URL)`;
  const ratio = busy.requestsPerSecond / quiet.requestsPerSecond;
  const met = ratio >= UNDER_EDITS_TO_CACHED && busy.fromCache >= UNDER_EDITS_FROM_CACHE;
  return `- ${label}: ${met ? 'met' : '**missed**'} (${busy.requestsPerSecond} vs ${quiet.requestsPerSecond} req/s, ratio ${ratio.toFixed(2)}; ${(busy.fromCache * 100).toFixed(1)}% from the cache)`;
}

/**
 * The change feed's promise (docs/decisions/0012): a change committed by any writer reaches every
 * reader within about a second. Each round changes the article's title with plain SQL, as an
 * operator with psql would, and polls the cached page until it shows the new title.
 */
async function measurePropagation(databaseUrl: string, articleSlug: string, url: string): Promise<number[]> {
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const times: number[] = [];
  const [{ title }] = (
    await client.query<{ title: string }>('SELECT title FROM articles WHERE slug = $1', [articleSlug])
  ).rows as [{ title: string }];
  process.stderr.write('  change propagation… ');
  try {
    for (let round = 1; round <= 10; round++) {
      await fetch(url); // cached before the change
      const marked = `${title}（計測${round}）`;
      await client.query('UPDATE articles SET title = $1 WHERE slug = $2', [marked, articleSlug]);
      const started = performance.now();
      const escaped = marked.replace(/&/g, '&amp;');
      while (!(await (await fetch(url)).text()).includes(escaped)) {
        if (performance.now() - started > 30_000)
          throw new Error(`round ${round}: the change did not reach ${url} in 30 s`);
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      times.push(Math.round(performance.now() - started));
    }
  } finally {
    await client.query('UPDATE articles SET title = $1 WHERE slug = $2', [title, articleSlug]);
    await client.end();
  }
  process.stderr.write(`${JSON.stringify(times)}\n`);
  return times;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

function lighthouseLines(scores: Record<string, LighthouseScores | { error: string }> | undefined): string[] {
  if (!scores || Object.keys(scores).length === 0) return ['- Lighthouse: not measured in this run'];
  return Object.entries(scores).map(([page, result]) => {
    if ('error' in result) return `- Lighthouse (mobile), ${page} page: **failed to run** (${result.error})`;
    const met =
      result.performance >= 98 &&
      result.accessibility === 100 &&
      result['best-practices'] === 100 &&
      result.seo === 100;
    const skipped = result.skipped?.length
      ? `; skipped: ${result.skipped.join(', ')}, as the page is demo content (noindex)`
      : '';
    return `- Lighthouse (mobile), ${page} page — performance ≥ 98 and the rest 100: ${met ? 'met' : '**missed**'} (performance ${result.performance}, accessibility ${result.accessibility}, best practices ${result['best-practices']}, SEO ${result.seo}${skipped})`;
  });
}
process.stderr.write(`Wrote bench/RESULTS.md\n`);

/**
 * Minutes of the traffic a news site gets, mixed: cached articles and the home page, search with
 * changing words, uncached renders, bots asking for pages that do not exist, and failed logins.
 * The server's RSS is sampled every 5 s throughout: its heap is capped, but what lives outside the
 * heap (buffers, the allocator's arenas, native modules) is what this watches.
 */
async function soakRun(base: string, articleSlug: string, seconds: number, bulk: boolean) {
  const words = ['停戦', '為替', '選挙', '台風', '経済', '国会', '気候', '予算', '外交', '物価'];
  let n = 0;
  const kinds: ((i: number) => Partial<autocannon.Request>)[] = [
    () => ({ method: 'GET', path: `/articles/${articleSlug}` }),
    () => ({ method: 'GET', path: '/' }),
    (i) => ({
      method: 'GET',
      path: `/search?q=${encodeURIComponent(`${words[i % words.length]}${i % 3 === 0 ? '' : words[(i >> 3) % words.length]}`)}`,
    }),
    (i) => ({
      method: 'GET',
      path: bulk ? `/articles/bulk-${(i % 90_000) + 1}` : `/articles/${articleSlug}?soak=${i}`,
    }),
    (i) => ({ method: 'GET', path: `/articles/no-such-article-${i}` }),
    (i) => ({
      method: 'POST',
      path: '/api/auth/sign-in/email',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: `bot${i % 500}@example.com`, password: 'not the password' }),
    }),
  ];
  const rssMb: number[] = [];
  const sample = () => {
    const rss = serverRssMb();
    if (rss !== null) rssMb.push(rss);
  };
  sample();
  const timer = setInterval(sample, 5_000);
  process.stderr.write(`  soak, ${seconds} s of mixed traffic… `);
  const result = await autocannon({
    url: base,
    duration: seconds,
    connections: 10,
    requests: [{ setupRequest: (request) => ({ ...request, ...kinds[n % kinds.length]!(n++) }) }],
  });
  clearInterval(timer);
  sample();
  process.stderr.write(`peak ${Math.max(...rssMb)} MB\n`);
  return { seconds, requests: result.requests.total, rssMb };
}
