import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, configVariables, envExample, readConfig, readmeWithTable } from './config';

const ROOT = path.resolve(import.meta.dirname, '../..');

describe('the configuration', () => {
  it('gives every variable its default when the environment is empty', () => {
    const config = readConfig({});
    expect(config).toMatchObject({
      PORT: 3000,
      DATABASE_POOL_SIZE: 10,
      KIJI_INSTANCES: 1,
      KIJI_CACHE_PREFIX: 'kiji:',
      KIJI_SCHEDULER_INTERVAL_MS: 10_000,
      KIJI_QUERY_LOG: false,
    });
    expect(config.DATABASE_URL).toBeUndefined();
  });

  it('reads whole milliseconds for the scheduler, and 0 turns it off', () => {
    expect(readConfig({ KIJI_SCHEDULER_INTERVAL_MS: '2500' }).KIJI_SCHEDULER_INTERVAL_MS).toBe(2500);
    expect(readConfig({ KIJI_SCHEDULER_INTERVAL_MS: '0' }).KIJI_SCHEDULER_INTERVAL_MS).toBe(0);
  });

  it('refuses "10s" instead of reading it as NaN, which Node would run every millisecond, and names every bad variable at once', () => {
    let error: unknown;
    try {
      readConfig({
        KIJI_SCHEDULER_INTERVAL_MS: '10s',
        PORT: 'eighty',
        REDIS_URL: 'http://cache:6379',
        DATABASE_POOL_SIZE: '0',
        BETTER_AUTH_SECRET: 'short',
      });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems;
    expect(problems).toHaveLength(5);
    expect(problems[0]).toBe('PORT="eighty": PORT must be a whole number');
    expect(problems.join('\n')).toContain(
      'KIJI_SCHEDULER_INTERVAL_MS="10s": KIJI_SCHEDULER_INTERVAL_MS must be a whole number of milliseconds',
    );
    expect(problems.join('\n')).toContain(
      'REDIS_URL="http://cache:6379": REDIS_URL must be a redis:// or rediss:// URL',
    );
    expect(problems.join('\n')).toContain('DATABASE_POOL_SIZE="0": DATABASE_POOL_SIZE must be between 1 and 100');
    expect(problems.join('\n')).toContain('BETTER_AUTH_SECRET');
  });

  it('treats an empty value as unset', () => {
    expect(readConfig({ PORT: '', DATABASE_URL: '' })).toMatchObject({ PORT: 3000, DATABASE_URL: undefined });
  });

  it('agrees with .env.example and the README’s table, which are generated from it', () => {
    expect(readFileSync(path.join(ROOT, '.env.example'), 'utf8')).toBe(envExample());
    const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    expect(readmeWithTable(readme)).toBe(readme);
  });
});

/** Set by Node, Next, CI or Prisma's tooling: not Kiji's configuration. */
const TOOL_VARIABLES = new Set([
  'NODE_ENV',
  'NEXT_RUNTIME',
  'NEXT_PHASE',
  'NEXT_TELEMETRY_DISABLED',
  'CI',
  'PRISMA_SCHEMA_ENGINE_BINARY',
  // The example API client (examples/desk-client.ts) is a pipeline's program, not Kiji's: its own settings.
  'KIJI_URL',
  'KIJI_KEY',
  'WEBHOOK_SECRET',
]);

/**
 * Next's cache handler loads lib/cache/store.mjs and next-cache-handler.mjs as plain JavaScript,
 * outside any bundle, so they cannot import the TypeScript declaration; the values they read are
 * validated by config() when the server starts (the `configuration` stage, scripts/serve.ts) all the same.
 */
const RAW_READERS = new Set([
  'lib/cache/store.mjs',
  'lib/cache/next-cache-handler.mjs',
  // Tooling configuration, loaded by Prisma's and Vite's own loaders.
  'prisma.config.ts',
  'vitest.config.ts',
  // The script it runs in a child process, written out as a string.
  'scripts/with-db.int.test.ts',
]);

describe('reading the environment', () => {
  const files = execFileSync('git', ['ls-files', '-co', '--exclude-standard', '*.ts', '*.tsx', '*.mjs', '*.mts'], {
    cwd: ROOT,
    encoding: 'utf8',
  })
    .split('\n')
    .filter((file) => file && !file.startsWith('lib/generated/') && !file.endsWith('config.test.ts'));
  const reads = files.flatMap((file) => {
    let text: string;
    try {
      text = readFileSync(path.join(ROOT, file), 'utf8');
    } catch {
      return [];
    }
    // A read, not an assignment (a command provides a variable to itself or its children).
    return [...text.matchAll(/process\.env\.([A-Z_0-9]+)\b(?!\s*(?:\?\?|\|\|)?=[^=])/g)].map((match) => ({
      file,
      name: match[1]!,
    }));
  });

  it('finds the reads it checks', () => {
    expect(reads.some((read) => read.file === 'lib/cache/store.mjs' && read.name === 'REDIS_URL')).toBe(true);
  });

  it('declares every variable any code reads', () => {
    const undeclared = reads.filter((read) => !(read.name in configVariables) && !TOOL_VARIABLES.has(read.name));
    expect(undeclared).toEqual([]);
  });

  it('reads Kiji’s variables only through config(), outside the cache modules Next loads as plain JavaScript and the tools’ own config files', () => {
    const raw = reads.filter(
      (read) => read.name in configVariables && read.file !== 'lib/platform/config.ts' && !RAW_READERS.has(read.file),
    );
    expect(raw).toEqual([]);
  });
});
