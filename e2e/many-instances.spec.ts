import { writeFileSync } from 'node:fs';
import http from 'node:http';
import { requireTestRedis, TEST_REDIS_URL } from '../scripts/test-support/test-redis';
import { Redis } from 'ioredis';
import pg from 'pg';
import { expect, test, readText } from './support/test';
import { BODY_LIMITS, routes } from '../lib/routes/registry';
import { ACCOUNTS, e2ePort } from './support/fixtures';
import { login } from './support/admin';
import {
  runScript,
  startDedicatedPostgres,
  startInstance,
  startNginx,
  type DedicatedPostgres,
  type Instance,
} from './support/instances';

/**
 * Production's shape on one machine: two instances of Kiji's server sharing one PostgreSQL and one
 * Redis, with Kiji's nginx configuration in front.
 */
test.describe.configure({ mode: 'serial' });

const REDIS_URL = TEST_REDIS_URL;
const PREFIX = `kiji-e2e-${Date.now().toString(36)}:`;
const PORTS = { a: e2ePort + 61, b: e2ePort + 62, nginx: e2ePort + 60 };
const EDITED = '/articles/demo-minimum-wage-regional-gap';
const SCHEDULED = 'demo-earthquake-drill-companies';

let database: DedicatedPostgres;
let a: Instance;
let b: Instance;
let front: Awaited<ReturnType<typeof startNginx>>;

const instanceEnv = () => ({
  DATABASE_URL: database.url,
  REDIS_URL,
  KIJI_CACHE_PREFIX: PREFIX,
  KIJI_SCHEDULER_INTERVAL_MS: '1000',
  DATABASE_POOL_SIZE: '5',
  // Behind nginx, as deploy/nginx/kiji.conf.template says: the client is the hop nginx appends.
  KIJI_TRUSTED_PROXIES: '127.0.0.1/32',
});

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
  await requireTestRedis();
  database = await startDedicatedPostgres('instances');
  await runScript(
    'scripts/admin-create.ts',
    ['--email', ACCOUNTS.editor.email, '--password', ACCOUNTS.editor.password, '--role', 'editor'],
    { DATABASE_URL: database.url },
  );
  [a, b] = await Promise.all([startInstance(PORTS.a, instanceEnv()), startInstance(PORTS.b, instanceEnv())]);
  front = await startNginx(PORTS.nginx, [PORTS.a, PORTS.b]);
});

test.afterAll(async () => {
  await front?.dispose();
  await Promise.all([a?.stop(), b?.stop()]);
  await database?.dispose();
  const redis = new Redis(REDIS_URL);
  const keys = await redis.keys(`${PREFIX}*`);
  if (keys.length > 0) await redis.del(...keys);
  await redis.quit();
});

test('a page rendered by one instance is served from the shared cache by the other', async ({ request }) => {
  const path = '/articles/demo-extraordinary-diet-session';
  expect((await request.get(`${a.url}${path}`)).status()).toBe(200);
  const fromB = await request.get(`${b.url}${path}`);
  expect(fromB.status()).toBe(200);
  expect(fromB.headers()['x-nextjs-cache']).toBe('HIT');
});

test('an edit made through instance A is visible on instance B at once, and through nginx within its micro-cache', async ({
  page,
  request,
}) => {
  for (let i = 0; i < 2; i++) expect((await request.get(`${b.url}${EDITED}`)).status()).toBe(200);
  expect((await request.get(`${b.url}${EDITED}`)).headers()['x-nextjs-cache']).toBe('HIT');
  await request.get(`${front.url}${EDITED}`);
  expect((await request.get(`${front.url}${EDITED}`)).headers()['x-cache-status']).toBe('HIT');

  await login(page, ACCOUNTS.editor, a.url);
  const [row] = await sql<{ id: number }>('SELECT id FROM articles WHERE slug = $1', [
    'demo-minimum-wage-regional-gap',
  ]);
  await page.goto(`${a.url}/admin/articles/${row!.id}`);
  await page.getByLabel('タイトル').fill('最低賃金の地域差、インスタンスAで書き換えた見出し');
  await page.getByRole('button', { name: '更新を公開' }).click();
  await expect(page.getByRole('status')).toHaveText('公開しました');

  // The editor has been told: from now on no instance may serve the old page.
  const onB = await request.get(`${b.url}${EDITED}`);
  expect(await readText(onB)).toContain('インスタンスAで書き換えた見出し');
  expect(await readText(await request.get(`${b.url}/`))).toContain('インスタンスAで書き換えた見出し');
  // nginx keeps a public page for a second (s-maxage=1) and then refreshes it.
  await expect
    .poll(
      async () =>
        (await readText(await request.get(`${front.url}${EDITED}`))).includes('インスタンスAで書き換えた見出し'),
      { timeout: 20_000, intervals: [250] },
    )
    .toBe(true);
});

test('an article imported from the command line shows on both instances and through nginx, with no secret and no HTTP call', async ({
  request,
}) => {
  const title = 'E2E 二つのインスタンスに届く速報';
  for (const origin of [a.url, b.url, front.url])
    expect(await readText(await request.get(`${origin}/`))).not.toContain(title); // cached now
  const file = test.info().outputPath('instances.md');
  writeFileSync(file, `# ${title}\n\n速報のリード。\n\n## 経過\n\n速報の本文。\n`);
  await runScript(
    'scripts/import.ts',
    [
      file,
      '--slug',
      'e2e-instances-import',
      '--category',
      'society',
      '--no-sources-reason',
      '速報のため、資料は追って示す',
    ],
    {
      DATABASE_URL: database.url,
    },
  );
  // PostgreSQL announces the commit; each instance expires what changed (docs/decisions/0012).
  for (const origin of [a.url, b.url, front.url]) {
    await expect
      .poll(async () => (await readText(await request.get(`${origin}/`))).includes(title), { message: origin })
      .toBe(true);
  }
});

test('nginx passes admin traffic through uncached and keeps what the app marks private out of its cache', async ({
  request,
}) => {
  const first = await request.get(`${front.url}/admin/login`);
  const second = await request.get(`${front.url}/admin/login`);
  for (const response of [first, second]) {
    expect(response.status()).toBe(200);
    expect(response.headers()['cache-control']).toBe('private, no-store');
    expect(response.headers()['x-cache-status']).toBeUndefined();
  }
  const search = '/search?q=%E8%B3%83%E9%87%91';
  await request.get(`${front.url}${search}`);
  expect(['MISS', 'EXPIRED', 'HIT']).toContain(
    (await request.get(`${front.url}${search}`)).headers()['x-cache-status'],
  );
});

test('an upload just under the limit passes nginx to Kiji, and one just over gets Kiji’s 413, not nginx’s', async () => {
  // The body limits are declared once (BODY_LIMITS) and nginx's are generated from them.
  const post = (bytes: number) =>
    new Promise<{ status: number; body: string }>((resolve, reject) => {
      const call = http.request(
        `${front.url}${routes.imageUpload.href()}`,
        {
          method: 'POST',
          agent: false,
          // A cookie by the session's name gets past the proxy's redirect to the login page, to the guard.
          headers: {
            'content-type': 'image/jpeg',
            'content-length': String(bytes),
            cookie: 'better-auth.session_token=x',
          },
        },
        (response) => {
          let body = '';
          response.setEncoding('utf8');
          response.on('data', (chunk: string) => (body += chunk));
          response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
        },
      );
      call.on('error', reject);
      call.end(Buffer.alloc(bytes));
    });
  const under = await post(BODY_LIMITS.image - 1024);
  // No session and no editor header: Kiji's guard answers, which means the body reached Kiji.
  expect(under.status).toBe(400);
  expect(under.body).toContain('編集画面');
  const over = await post(BODY_LIMITS.image + 1);
  expect(over.status).toBe(413);
  expect(over.body).toBe('Payload Too Large\n');
});

function getOnNewConnection(url: string): Promise<number | string> {
  return new Promise((resolve) => {
    const call = http.get(url, { agent: false }, (response) => {
      response.resume();
      response.on('end', () => resolve(response.statusCode ?? 0));
      response.on('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? 'error'));
    });
    call.on('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? 'error'));
  });
}

/**
 * A form POST whose body is sent in two halves: the request is in flight from the first half until
 * `finish()` sends the second. Resolves with the status and Location once answered, or the error.
 */
function slowFormPost(url: string) {
  const body = Buffer.from('name=bot&body=spam&website=https%3A%2F%2Fspam.example');
  let answered: (outcome: { status: number; location?: string } | string) => void = () => {};
  const outcome = new Promise<{ status: number; location?: string } | string>((resolve) => (answered = resolve));
  const call = http.request(
    url,
    {
      method: 'POST',
      agent: false,
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'Content-Length': body.length },
    },
    (response) => {
      response.resume();
      response.on('end', () => answered({ status: response.statusCode ?? 0, location: response.headers.location }));
    },
  );
  call.on('error', (error: NodeJS.ErrnoException) => answered(error.code ?? 'error'));
  const half = Math.floor(body.length / 2);
  call.write(body.subarray(0, half));
  return { outcome, finish: () => call.end(body.subarray(half)) };
}

test('on SIGTERM an instance finishes the requests in flight, closes its pool and exits; a scheduled publication then fires once after the restart', async ({
  request,
}) => {
  test.setTimeout(120_000);
  // Scheduled a few seconds ahead, while both instances are about to go away.
  await sql(
    `UPDATE articles SET status = 'scheduled', published_at = now() + interval '6 seconds', version = version + 1 WHERE slug = $1`,
    [SCHEDULED],
  );
  const [{ due }] = (await sql<{ due: Date }>('SELECT published_at AS due FROM articles WHERE slug = $1', [
    SCHEDULED,
  ])) as [{ due: Date }];

  expect(await (await request.get(`${a.url}/api/health`)).json()).toEqual({
    status: 'ok',
    database: 'up',
    redis: 'up',
  });
  const uncached = [
    '/archive',
    '/tag/%E9%98%B2%E7%81%BD',
    '/category/society',
    '/category/technology',
    '/category/politics',
    '/about/ai',
    '/corrections',
    '/feed.xml',
  ];
  const inFlight = uncached.map((path) => getOnNewConnection(`http://127.0.0.1:${PORTS.a}${path}?drain=${Date.now()}`));
  // Half a form's body sent: a request the server holds open until the rest arrives.
  const held = slowFormPost(`http://127.0.0.1:${PORTS.a}${routes.contactSend.href()}`);
  await new Promise((resolve) => setTimeout(resolve, 30));
  const stopped = Promise.all([a.stop('SIGTERM'), b.stop('SIGTERM')]);
  // While it drains, the instance tells load balancers to send it nothing more.
  const health = async () => {
    const response = await request.get(`${a.url}/api/health`);
    return { code: response.status(), body: await response.json() };
  };
  await expect
    .poll(health, { timeout: 20_000, intervals: [50] })
    .toEqual({ code: 503, body: { status: 'draining', database: 'up', redis: 'up' } });
  // The listening socket is closed (the start-up story's `http server` stage is stopping) while the
  // form is still half sent: new connections are refused, the held request is answered in full.
  await expect.poll(() => a.output(), { timeout: 20_000 }).toContain('"event":"server_closed"');
  expect(await getOnNewConnection(`http://127.0.0.1:${PORTS.a}/robots.txt`)).toBe('ECONNREFUSED');
  held.finish();
  expect(await held.outcome).toEqual({ status: 303, location: '/contact?error=invalid' });
  const [codeA, codeB] = await stopped;
  const outcomes = await Promise.all(inFlight);
  // Accepted before the signal: answered in full. After it: refused, never cut off halfway.
  expect(
    outcomes.every((outcome) => outcome === 200 || outcome === 'ECONNREFUSED'),
    JSON.stringify(outcomes),
  ).toBe(true);
  expect(outcomes).toContain(200);
  expect(a.output()).toContain('requests drained; database pool and cache connection closed');
  // Every stage stopped, in reverse, within the bound (a stop that fails or runs out of time exits 1).
  const stoppedStages = [...a.output().matchAll(/"event":"stage_stopped","stage":"([^"]+)"/g)].map((match) => match[1]);
  expect(stoppedStages).toEqual(['health', 'http server', 'runtime services', 'next', 'database', 'configuration']);
  expect(codeA).toBe(0);
  expect(codeB).toBe(0);

  // Nobody is running when the time comes.
  await new Promise((resolve) => setTimeout(resolve, Math.max(0, due.getTime() - Date.now()) + 1_500));
  const [before] = await sql<{ status: string }>('SELECT status::text FROM articles WHERE slug = $1', [SCHEDULED]);
  expect(before?.status).toBe('scheduled');

  [a, b] = await Promise.all([startInstance(PORTS.a, instanceEnv()), startInstance(PORTS.b, instanceEnv())]);
  await expect
    .poll(async () => (await request.get(`${b.url}/articles/${SCHEDULED}`)).status(), {
      timeout: 20_000,
      intervals: [500],
    })
    .toBe(200);
  expect((await request.get(`${a.url}/articles/${SCHEDULED}`)).status()).toBe(200);
  // Both instances keep ticking every second; the publication still happened exactly once.
  await new Promise((resolve) => setTimeout(resolve, 3_000));
  const published = await sql<{ n: number }>(
    `SELECT count(*)::int AS n FROM audit_log WHERE action = 'article_publish' AND detail->>'slug' = $1`,
    [SCHEDULED],
  );
  expect(published[0]?.n).toBe(1);
});
