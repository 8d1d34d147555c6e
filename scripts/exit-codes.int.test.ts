import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { isListening as listening } from './lib/child-processes';
import { embeddedPortFor } from './lib/database';
import { freePort, startEmbeddedPostgres, type RunningPostgres } from './lib/embedded-postgres';
import { withDatabase } from './lib/test-database';

/**
 * A failure anywhere must reach the exit status: of a Vitest run, and of every command. Each case
 * runs the real thing in a child process and checks its status, against a control that passes,
 * so that neither a runner that always fails nor one that always passes can satisfy it.
 */
const root = fileURLToPath(new URL('..', import.meta.url));
type Run = { status: number | null; stdout: string; stderr: string };

function run(command: string, args: string[], env: Record<string, string | undefined> = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: root,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += String(chunk)));
    child.stderr.on('data', (chunk) => (stderr += String(chunk)));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

const withoutDatabase = { DATABASE_URL: undefined, TEST_DATABASE_URL: undefined };
const packageScripts = (
  JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> }
).scripts;
/** Runs an npm script's entry point as npm would, without npm's start-up time. */
const script = (name: string, args: string[], env: Record<string, string | undefined> = {}) => {
  const file = /scripts\/[\w-]+\.ts/.exec(packageScripts[name] ?? '')?.[0];
  if (!file) throw new Error(`npm run ${name} does not run a scripts/*.ts file`);
  return run(process.execPath, ['--conditions=react-server', '--import', 'tsx', file, ...args], env);
};
const lines = (text: string) => text.trim().split('\n').filter(Boolean);

let dataDir: string;
beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'kiji-exit-codes-'));
  await chmod(dataDir, 0o755);
});
afterAll(() => rm(dataDir, { recursive: true, force: true }));

describe('a Vitest integration run', () => {
  // Without TEST_DATABASE_URL the run starts an embedded PostgreSQL, whose exit hook once turned
  // every failing run into exit status 0.
  it.each([
    ['on an embedded PostgreSQL', withoutDatabase],
    ['on the test server', { TEST_DATABASE_URL: withDatabase(inject('databaseUrl'), 'postgres') }],
  ])('exits non-zero when a test fails, and zero when all pass, %s', async (_, env) => {
    const vitest = path.join(root, 'node_modules/vitest/vitest.mjs');
    const failing = await run(process.execPath, [vitest, 'run', '--project', 'integration'], {
      ...env,
      KIJI_TEST_FIXTURE: 'scripts/test-support/fixtures/fails.fixture.ts',
    });
    expect(failing.stdout).toMatch(/1 failed/);
    expect(failing.status).not.toBe(0);
    const passing = await run(process.execPath, [vitest, 'run', '--project', 'integration'], {
      ...env,
      KIJI_TEST_FIXTURE: 'scripts/test-support/fixtures/passes.fixture.ts',
    });
    expect(passing.stdout).toMatch(/1 passed/);
    expect(passing.status).toBe(0);
  });
});

describe('the commands in the README', () => {
  it.each([
    'admin:create',
    'api-key:create',
    'bench',
    'db:backup',
    'db:migrate',
    'db:restore',
    'db:seed',
    'db:seed:bulk',
    'import',
    'nginx:config',
    'search:reindex',
    'sources:check',
    'claims:check',
    'bench:claims',
    'schema:article',
    'config:docs',
    'audit',
    'start',
    'dev',
    'build',
  ])('%s answers --help with its usage and exit status 0, without touching a database', async (name) => {
    const result = await run('npm', ['run', '-s', name, '--', '--help'], {
      ...withoutDatabase,
      KIJI_DATA_DIR: path.join(dataDir, 'untouched'),
    });
    expect(result.stderr).toBe('');
    expect(result.stdout).toMatch(/^Usage: npm /);
    expect(result.status).toBe(0);
    expect(existsSync(path.join(dataDir, 'untouched'))).toBe(false);
  });

  it.each([
    [
      'admin:create',
      ['--email', 'a@example.jp', '--password', 'long enough pass', '--role', 'boss'],
      /--role must be admin or editor/,
    ],
    ['admin:create', ['--emial', 'a@example.jp'], /Unknown option '--emial'/],
    ['api-key:create', ['--name', 'p'], /--name and --scopes are required/],
    ['api-key:create', ['--name', 'p', '--scopes', 'submissions:write,publish'], /unknown scope "publish"/],
    ['import', [], /missing argument/],
    ['db:seed:bulk', ['--articles', 'many'], /--articles must be a whole number/],
    ['sources:check', ['--timeout', '10s'], /--timeout must be a whole number/],
    ['claims:check', [], /--article is required/],
    ['db:restore', ['backup.gz'], /DATABASE_URL must name the empty database/],
  ])('%s %j is a usage error: one line, exit status 2', async (name, args, message) => {
    const result = await script(name, args, withoutDatabase);
    expect(lines(result.stderr)).toHaveLength(1);
    expect(result.stderr).toMatch(message);
    expect(result.status).toBe(2);
  });

  it('a bad environment variable stops a command with every problem named, exit status 2, before any database', async () => {
    const env = {
      ...withoutDatabase,
      KIJI_DATA_DIR: path.join(dataDir, 'bad-config'),
      KIJI_EMBEDDED_PG_PORT: 'auto',
      REDIS_URL: 'localhost:6379',
    };
    const result = await script('db:migrate', [], env);
    expect(result.stderr).toMatch(/^npm run db:migrate: Kiji's configuration is not valid:/);
    expect(result.stderr).toContain('KIJI_EMBEDDED_PG_PORT="auto": KIJI_EMBEDDED_PG_PORT must be a whole number');
    expect(result.stderr).toContain('REDIS_URL="localhost:6379": REDIS_URL must be a redis:// or rediss:// URL');
    expect(result.status).toBe(2);
    expect(existsSync(path.join(dataDir, 'bad-config'))).toBe(false);
  });

  it('npm start with a scheduler interval of "10s" refuses to start, naming it, and exits 1', async () => {
    const env = {
      ...withoutDatabase,
      KIJI_DATA_DIR: path.join(dataDir, 'bad-start'),
      KIJI_SCHEDULER_INTERVAL_MS: '10s',
    };
    const result = await run('npm', ['run', '-s', 'start'], env);
    expect(result.stderr).toContain(
      'KIJI_SCHEDULER_INTERVAL_MS="10s": KIJI_SCHEDULER_INTERVAL_MS must be a whole number of milliseconds',
    );
    expect(result.status).toBe(1);
    expect(existsSync(path.join(dataDir, 'bad-start'))).toBe(false);
  });

  it('bench without a running server says so in one line and exits 1', async () => {
    const result = await script('bench', ['--url', 'http://127.0.0.1:9'], withoutDatabase);
    expect(result.stderr.trim()).toBe(
      'npm run bench: no server answers at http://127.0.0.1:9: start one (npm run build && npm start), or pass --url',
    );
    expect(result.status).toBe(1);
  });

  it('failures exit 1 with one line: a missing file, a database that does not answer, a file that is not a backup', async () => {
    const missing = await script('import', ['no-such-file.txt'], withoutDatabase);
    expect(missing.stderr).toMatch(/^npm run import: no-such-file.txt: ENOENT/);
    expect(missing.status).toBe(1);

    const down = await script('db:migrate', [], { DATABASE_URL: 'postgresql://postgres@127.0.0.1:9/kiji' });
    expect(lines(down.stderr)).toEqual([expect.stringMatching(/^npm run db:migrate: .*ECONNREFUSED/)]);
    expect(down.status).toBe(1);

    const notBackup = await script('db:restore', ['package.json'], { DATABASE_URL: inject('databaseUrl') });
    expect(notBackup.stderr).toMatch(/^npm run db:restore: /);
    expect(notBackup.status).toBe(1);
  });

  it('sources:check --article with an unknown slug fails on the embedded default, and stops the database it started', async () => {
    const env = { ...withoutDatabase, KIJI_DATA_DIR: path.join(dataDir, 'unknown-slug') };
    const result = await script('sources:check', ['--article', 'no-such-article'], env);
    expect(result.stderr).toMatch(/^npm run sources:check: --article: no article has the slug "no-such-article"$/m);
    expect(result.stdout).not.toMatch(/broken/);
    expect(result.status).toBe(1);
    expect(await listening(embeddedPortFor(path.join(dataDir, 'unknown-slug', 'postgres')))).toBe(false);
  });

  it('db:backup and db:restore round-trip the embedded default through the commands', async () => {
    const env = { ...withoutDatabase, KIJI_DATA_DIR: path.join(dataDir, 'backup') };
    const created = await script(
      'admin:create',
      ['--email', 'backup@example.jp', '--password', 'a long passphrase', '--role', 'editor'],
      env,
    );
    expect(created.status).toBe(0);
    const backup = await script('db:backup', [path.join(dataDir, 'backups')], env);
    expect(backup.stderr).toMatch(/Backed up 0 articles from the embedded PostgreSQL/);
    expect(backup.status).toBe(0);
    const file = backup.stdout.trim();
    expect(file).toMatch(/\.kiji-backup\.gz$/);
    const restored = await script('db:restore', [file], { DATABASE_URL: inject('databaseUrl') });
    expect(restored.stderr).toMatch(/not empty/);
    expect(restored.status).toBe(1);
  });
});

describe('two checkouts on one machine', () => {
  let other: RunningPostgres | undefined;
  afterAll(() => other?.stop());

  it('a command refuses the embedded PostgreSQL of another data folder on its port, and writes nothing', async () => {
    const port = await freePort();
    other = await startEmbeddedPostgres({
      dataDir: path.join(dataDir, 'checkout-a', 'postgres'),
      port,
      persistent: false,
    });
    const result = await script(
      'admin:create',
      ['--email', 'b@example.jp', '--password', 'a long passphrase', '--role', 'editor'],
      {
        ...withoutDatabase,
        KIJI_DATA_DIR: path.join(dataDir, 'checkout-b'),
        KIJI_EMBEDDED_PG_PORT: String(port),
      },
    );
    expect(lines(result.stderr)).toEqual([
      expect.stringMatching(
        new RegExp(
          `Port ${port} is held by the PostgreSQL of .*checkout-a/postgres, not by this checkout's embedded PostgreSQL`,
        ),
      ),
    ]);
    expect(result.status).toBe(1);
  });

  it('without a port set, two data folders get two ports', () => {
    expect(embeddedPortFor('/srv/a/.data/postgres')).not.toBe(embeddedPortFor('/srv/b/.data/postgres'));
  });
});
