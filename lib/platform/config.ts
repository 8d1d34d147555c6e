import { z } from 'zod';
import { runtime } from './runtime.mjs';
import { parseTrustedProxies } from './client-address';

/**
 * Every environment variable Kiji reads, declared once: its schema, its default as the docs show
 * it, what it means, and who reads it. `config()` parses them all at start and fails with one line
 * per bad variable; `.env.example` and the README's table are generated from here
 * (`npm run config:docs`), and lib/platform/config.test.ts checks that they agree.
 *
 * Pure, with no `server-only`: the commands in scripts/ read it too.
 */

const wholeNumber = (name: string, { min = 0, max = Number.MAX_SAFE_INTEGER }: { min?: number; max?: number } = {}) =>
  z
    .string()
    .trim()
    .regex(/^\d+$/, `${name} must be a whole number`)
    .transform(Number)
    .refine((value) => value >= min && value <= max, `${name} must be between ${min} and ${max}`);

const url = (name: string, protocols: string[]) =>
  z
    .string()
    .trim()
    .refine(
      (value) => {
        try {
          return protocols.includes(new URL(value).protocol);
        } catch {
          return false;
        }
      },
      `${name} must be a ${protocols.map((protocol) => protocol.replace(':', '://')).join(' or ')} URL`,
    );

/** A list of https URLs separated by commas (spaces around them allowed); unset or empty, none. */
const urlList = (name: string) =>
  z
    .string()
    .optional()
    .transform((value) =>
      (value ?? '')
        .split(',')
        .map((item) => item.trim())
        .filter(Boolean),
    )
    .pipe(z.array(url(name, ['https:'])));

const flag = z.enum(['0', '1', '']).transform((value) => value === '1');

export type Scope = 'server' | 'commands' | 'nginx' | 'tests' | 'bench';

type Variable<S extends z.ZodType> = {
  schema: S;
  /** The default as the README states it; the schema's own default is what applies. */
  shownDefault: string;
  meaning: string;
  scope: Scope;
  /** A value for .env.example, where leaving the default commented out would not teach anything. */
  example?: string;
};

const variable = <S extends z.ZodType>(declaration: Variable<S>) => declaration;

export const configVariables = {
  PORT: variable({
    schema: wholeNumber('PORT', { min: 1, max: 65535 }).default(3000),
    shownDefault: '`3000`',
    meaning: 'port the server listens on',
    scope: 'server',
  }),
  DATABASE_URL: variable({
    schema: url('DATABASE_URL', ['postgresql:', 'postgres:']).optional(),
    shownDefault: 'embedded PostgreSQL',
    meaning: 'PostgreSQL connection string',
    scope: 'server',
    example: 'postgresql://postgres@127.0.0.1:5432/kiji',
  }),
  DATABASE_POOL_SIZE: variable({
    schema: wholeNumber('DATABASE_POOL_SIZE', { min: 1, max: 100 }).default(10),
    shownDefault: '`10`',
    meaning: 'connections per app instance (instances × pool < `max_connections`)',
    scope: 'server',
  }),
  KIJI_INSTANCES: variable({
    schema: wholeNumber('KIJI_INSTANCES', { min: 1, max: 1000 }).default(1),
    shownDefault: '`1`',
    meaning: 'how many instances share the database: each warns at start when instances × pool does not fit',
    scope: 'server',
  }),
  REDIS_URL: variable({
    schema: url('REDIS_URL', ['redis:', 'rediss:']).optional(),
    shownDefault: 'unset',
    meaning:
      'share pages, data and route checks between instances through Redis; unset, each process keeps its own in memory',
    scope: 'server',
    example: 'redis://127.0.0.1:6379',
  }),
  KIJI_REDIS_TIMEOUT_MS: variable({
    schema: wholeNumber('KIJI_REDIS_TIMEOUT_MS', { min: 10, max: 10_000 }).default(250),
    shownDefault: '`250`',
    meaning:
      'how long any one Redis call may take before it counts as failed and the request goes on without Redis (docs/decisions/0026)',
    scope: 'server',
  }),
  KIJI_REDIS_RETRY_MS: variable({
    schema: wholeNumber('KIJI_REDIS_RETRY_MS', { min: 100, max: 600_000 }).default(5000),
    shownDefault: '`5000`',
    meaning:
      'after Redis failed, how long an instance serves from its own memory and the database before it tries Redis again (docs/decisions/0026)',
    scope: 'server',
  }),
  KIJI_CACHE_PREFIX: variable({
    schema: z.string().min(1).max(100).default('kiji:'),
    shownDefault: '`kiji:`',
    meaning: "prefix of Kiji's keys in Redis (one per site)",
    scope: 'server',
  }),
  KIJI_CACHE_MEMORY_MB: variable({
    schema: wholeNumber('KIJI_CACHE_MEMORY_MB', { min: 1, max: 4096 }).default(64),
    shownDefault: '`64`',
    meaning:
      "size of the in-memory cache when `REDIS_URL` is unset; it lives in the server's V8 heap, which `npm start` caps at 192 MB (`SERVER_NODE_FLAGS` in lib/platform/startup.ts): raise both together",
    scope: 'server',
  }),
  KIJI_CACHE_RACE_WINDOW_MS: variable({
    schema: wholeNumber('KIJI_CACHE_RACE_WINDOW_MS', { max: 60_000 }).default(3000),
    shownDefault: '`3000`',
    meaning:
      'how far back an entry is dated when the cache saw no miss before it was stored (an entry is otherwise dated by when its render began), so a render that started before a change is not stored as fresh (docs/decisions/0012, 0042)',
    scope: 'server',
  }),
  KIJI_ROUTE_MEMO_TTL_MS: variable({
    schema: wholeNumber('KIJI_ROUTE_MEMO_TTL_MS', { max: 3_600_000 }).default(60_000),
    shownDefault: '`60000`',
    meaning: 'how long the proxy remembers whether a slug is an article (a change expires it at once)',
    scope: 'server',
  }),
  SITE_URL: variable({
    schema: url('SITE_URL', ['http:', 'https:']).optional(),
    shownDefault: '`http://localhost:$PORT`',
    meaning: 'public origin, for canonical URLs',
    scope: 'server',
    example: 'https://kiji.example.jp',
  }),
  SITE_NAME: variable({
    schema: z.string().trim().min(1).max(100).default('Kiji'),
    shownDefault: '`Kiji`',
    meaning: 'site name in titles, feeds and structured data',
    scope: 'server',
  }),
  BETTER_AUTH_SECRET: variable({
    schema: z.string().min(32, 'BETTER_AUTH_SECRET must be at least 32 characters').optional(),
    shownDefault: 'generated into `.data/auth-secret`',
    meaning: 'signs session cookies; set it (32+ random characters) in production',
    scope: 'server',
  }),
  KIJI_SCHEDULER_INTERVAL_MS: variable({
    schema: z
      .string()
      .trim()
      .regex(
        /^\d+$/,
        'KIJI_SCHEDULER_INTERVAL_MS must be a whole number of milliseconds, or 0 to turn the scheduler off',
      )
      .transform(Number)
      .default(10_000),
    shownDefault: '`10000`',
    meaning: 'how often each instance publishes scheduled articles that are due (whole milliseconds; `0` turns it off)',
    scope: 'server',
  }),
  KIJI_TRUSTED_PROXIES: variable({
    schema: z
      .string()
      .optional()
      .superRefine((value, ctx) => {
        try {
          parseTrustedProxies(value);
        } catch (error) {
          ctx.addIssue({ code: 'custom', message: `KIJI_TRUSTED_PROXIES: ${(error as Error).message}` });
        }
      }),
    shownDefault: 'unset (trust none)',
    meaning:
      'proxies whose `X-Forwarded-For` hop is believed, as addresses or CIDR ranges separated by commas (the provided nginx set-up needs `127.0.0.1/32`); unset, the client is the socket peer, and the header is ignored',
    scope: 'server',
    example: '127.0.0.1/32',
  }),
  KIJI_SECURITY_CONTACT: variable({
    schema: url('KIJI_SECURITY_CONTACT', ['mailto:', 'https:']).optional(),
    shownDefault: 'unset (the contact page)',
    meaning:
      'where to report a vulnerability, a `mailto:` or `https:` URL, published in `/.well-known/security.txt` (RFC 9116)',
    scope: 'server',
    example: 'mailto:security@kiji.example.jp',
  }),
  KIJI_PUBLISHER_SOCIAL: variable({
    schema: urlList('KIJI_PUBLISHER_SOCIAL'),
    shownDefault: 'unset (none)',
    meaning:
      "the publisher's own accounts elsewhere, `https:` URLs separated by commas: `social=` in `/.well-known/trust.txt` and `sameAs` in the publisher's structured data",
    scope: 'server',
  }),
  KIJI_PUBLISHER_BELONGTO: variable({
    schema: urlList('KIJI_PUBLISHER_BELONGTO'),
    shownDefault: 'unset (none)',
    meaning:
      'associations the publisher belongs to, their `https:` URLs separated by commas: `belongto=` in `/.well-known/trust.txt` (JournalList) and `memberOf` in the structured data',
    scope: 'server',
  }),
  KIJI_METRICS_PORT: variable({
    schema: wholeNumber('KIJI_METRICS_PORT', { min: 1024, max: 65535 }).optional(),
    shownDefault: 'unset (off)',
    meaning:
      'serve Prometheus metrics at `http://127.0.0.1:$KIJI_METRICS_PORT/metrics`, on the loopback interface only',
    scope: 'server',
  }),
  KIJI_SERVED_BY_HEADER: variable({
    schema: flag.default(false),
    shownDefault: 'unset',
    meaning:
      '`1` adds `x-kiji-served-by: fast-path` or `next` to public pages, saying which path served them (the e2e tests set it)',
    scope: 'server',
  }),
  KIJI_QUERY_LOG: variable({
    schema: flag.default(false),
    shownDefault: 'unset',
    meaning: '`1` logs every SQL query with its duration (the query-count tests read it)',
    scope: 'server',
  }),
  KIJI_ALLOW_PRIVATE_FETCH: variable({
    schema: flag.default(false),
    shownDefault: 'unset (refused)',
    meaning:
      '`1` lets the source fetcher and webhooks reach loopback, private and link-local addresses (tests and local development set it); unset, a source or webhook URL that resolves to one is refused',
    scope: 'server',
  }),
  KIJI_DATA_DIR: variable({
    schema: z.string().min(1).optional(),
    shownDefault: '`.data`',
    meaning: 'where the embedded PostgreSQL (`postgres/`) and the generated auth secret live',
    scope: 'commands',
  }),
  KIJI_EMBEDDED_PG_PORT: variable({
    schema: wholeNumber('KIJI_EMBEDDED_PG_PORT', { min: 1024, max: 65535 }).optional(),
    shownDefault: 'derived from the data folder (21330–26329)',
    meaning:
      'port of the embedded PostgreSQL; each checkout gets its own, and a command refuses a server on it that serves another folder',
    scope: 'commands',
  }),
  KIJI_DEBUG: variable({
    schema: flag.default(false),
    shownDefault: 'unset',
    meaning: '`1` makes a failing command print its stack trace after its one-line message',
    scope: 'commands',
  }),
  KIJI_UPSTREAMS: variable({
    schema: z
      .string()
      .regex(/^[\w.-]+:\d+(,[\w.-]+:\d+)*$/, 'KIJI_UPSTREAMS must be host:port pairs separated by commas')
      .default('127.0.0.1:3001,127.0.0.1:3002'),
    shownDefault: '`127.0.0.1:3001,127.0.0.1:3002`',
    meaning: '`npm run nginx:config`: the instances nginx balances',
    scope: 'nginx',
  }),
  KIJI_NGINX_LISTEN: variable({
    schema: z.string().min(1).default('80'),
    shownDefault: '`80`',
    meaning: "`npm run nginx:config`: nginx's `listen` value",
    scope: 'nginx',
  }),
  KIJI_NGINX_CACHE_DIR: variable({
    schema: z.string().min(1).default('/var/cache/nginx/kiji'),
    shownDefault: '`/var/cache/nginx/kiji`',
    meaning: "`npm run nginx:config`: nginx's micro-cache folder",
    scope: 'nginx',
  }),
  TEST_DATABASE_URL: variable({
    schema: url('TEST_DATABASE_URL', ['postgresql:', 'postgres:']).optional(),
    shownDefault: 'embedded PostgreSQL',
    meaning: 'server on which tests create a fresh database per run',
    scope: 'tests',
  }),
  CHROMIUM_PATH: variable({
    schema: z.string().min(1).optional(),
    shownDefault: '`/usr/bin/chromium`',
    meaning: 'browser for Playwright',
    scope: 'tests',
  }),
  KIJI_TEST_REDIS_URL: variable({
    schema: url('KIJI_TEST_REDIS_URL', ['redis:', 'rediss:']).optional(),
    shownDefault: 'a Redis the test run starts on a free port, and stops',
    meaning:
      'a Redis the Redis-backed tests use instead of starting their own (their keys carry a prefix of their own)',
    scope: 'tests',
  }),
  KIJI_PLAN_ARTICLES: variable({
    schema: wholeNumber('KIJI_PLAN_ARTICLES', { min: 1000, max: 10_000_000 }).default(100_000),
    shownDefault: '`100000`',
    meaning: 'how many articles the query-plan test generates',
    scope: 'tests',
  }),
  KIJI_TEST_FIXTURE: variable({
    schema: z.string().min(1).optional(),
    shownDefault: 'unset',
    meaning: 'runs one integration fixture alone (scripts/exit-codes.int.test.ts proves a failing test fails the run)',
    scope: 'tests',
  }),
  E2E_PORT: variable({
    schema: wholeNumber('E2E_PORT', { min: 1024, max: 65535 }).default(3100),
    shownDefault: '`3100`',
    meaning: 'port of the production build the browser tests drive (other test servers take ports above it)',
    scope: 'tests',
  }),
  E2E_SKIP_BUILD: variable({
    schema: flag.default(false),
    shownDefault: 'unset',
    meaning: '`1` serves the existing `.next` build instead of building first',
    scope: 'tests',
  }),
  E2E_BUILD_FLAGS: variable({
    schema: z.string().optional(),
    shownDefault: 'unset',
    meaning: 'extra flags for the e2e `next build`',
    scope: 'tests',
  }),
  BENCH_URL: variable({
    schema: url('BENCH_URL', ['http:', 'https:']).default('http://localhost:3000'),
    shownDefault: '`http://localhost:3000`',
    meaning: '`npm run bench`: the server to measure (`--url`)',
    scope: 'bench',
  }),
  BENCH_NGINX_URL: variable({
    schema: url('BENCH_NGINX_URL', ['http:', 'https:']).optional(),
    shownDefault: 'unset',
    meaning: '`npm run bench`: nginx in front of it, to measure too (`--nginx`)',
    scope: 'bench',
  }),
  CHROME_PATH: variable({
    schema: z.string().min(1).default('/usr/bin/chromium'),
    shownDefault: '`/usr/bin/chromium`',
    meaning: '`npm run bench` and `npm run screenshots`: the browser Lighthouse and the screenshots drive',
    scope: 'bench',
  }),
};

export type ConfigName = keyof typeof configVariables;
type Declared = typeof configVariables;
export type Config = { [K in ConfigName]: z.output<Declared[K]['schema']> };

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Kiji's configuration is not valid:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Parses every declared variable; an empty value counts as unset. */
export function readConfig(env: Record<string, string | undefined> = process.env): Config {
  const problems: string[] = [];
  const values: Record<string, unknown> = {};
  for (const [name, declaration] of Object.entries(configVariables) as [ConfigName, Variable<z.ZodType>][]) {
    const raw = env[name] === '' ? undefined : env[name];
    const parsed = declaration.schema.safeParse(raw);
    if (parsed.success) values[name] = parsed.data;
    else problems.push(`${name}=${JSON.stringify(raw)}: ${parsed.error.issues[0]?.message ?? 'not valid'}`);
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return values as Config;
}

/**
 * The validated configuration, read once per process. Commands that set a variable for
 * themselves (with-db provides DATABASE_URL) call `reloadConfig()` after doing so.
 */
export function config(): Config {
  const state = runtime();
  state.config ??= readConfig();
  return state.config;
}

export function reloadConfig(): Config {
  const fresh = readConfig();
  runtime().config = fresh;
  return fresh;
}

/** The public origin, without a trailing slash: SITE_URL, or wherever this process listens. */
export function siteUrl(): string {
  const { SITE_URL, PORT } = config();
  return (SITE_URL ?? `http://localhost:${PORT}`).replace(/\/+$/, '');
}

export function requireDatabaseUrl(): string {
  const url = config().DATABASE_URL;
  if (!url)
    throw new Error('DATABASE_URL is not set. Start Kiji with `npm run dev` or `npm start`, which provide one.');
  return url;
}

// ---- The generated documentation ----

export function envExample(): string {
  const lines = [
    '# Generated from lib/platform/config.ts by `npm run config:docs`; edit the declaration, not this file.',
    '# Every variable is optional: unset, Kiji serves the demo site on an embedded PostgreSQL.',
  ];
  for (const [name, declaration] of Object.entries(configVariables) as [ConfigName, Variable<z.ZodType>][]) {
    lines.push(
      '',
      `# ${declaration.meaning.replace(/`/g, '')} [${declaration.scope}; default: ${declaration.shownDefault.replace(/`/g, '')}]`,
    );
    lines.push(`# ${name}=${declaration.example ?? ''}`);
  }
  return `${lines.join('\n')}\n`;
}

export function readmeTable(): string {
  const rows = (Object.entries(configVariables) as [ConfigName, Variable<z.ZodType>][]).map(
    ([name, declaration]) =>
      `| \`${name}\` | ${declaration.scope} | ${declaration.shownDefault} | ${declaration.meaning} |`,
  );
  return ['| variable | read by | default | meaning |', '| --- | --- | --- | --- |', ...rows].join('\n');
}

export const README_TABLE_START =
  '<!-- config table: generated from lib/platform/config.ts by `npm run config:docs` -->';
export const README_TABLE_END = '<!-- end of config table -->';

/** README.md with its configuration table replaced by the generated one. */
export function readmeWithTable(readme: string): string {
  const start = readme.indexOf(README_TABLE_START);
  const end = readme.indexOf(README_TABLE_END);
  if (start < 0 || end < start)
    throw new Error(`README.md has no configuration table markers (${README_TABLE_START} … ${README_TABLE_END})`);
  return `${readme.slice(0, start + README_TABLE_START.length)}\n${readmeTable()}\n${readme.slice(end)}`;
}
