import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));
const dataDir = mkdtempSync(path.join(tmpdir(), 'kiji-with-db-'));
chmodSync(dataDir, 0o755);

afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('running Kiji without DATABASE_URL', () => {
  it('starts the embedded PostgreSQL, migrates and seeds it, hands the command its URL, and stops it afterwards', () => {
    const { DATABASE_URL: _unset, ...env } = process.env;
    const probe = [
      "const pg = require('pg');",
      'const c = new pg.Client({ connectionString: process.env.DATABASE_URL });',
      "c.connect().then(() => c.query('SELECT count(*)::int AS n FROM articles')).then((r) => { console.log('ARTICLES=' + r.rows[0].n); return c.end(); });",
    ].join(' ');
    const result = spawnSync(
      process.execPath,
      ['--conditions=react-server', '--import', 'tsx', 'scripts/with-db.ts', process.execPath, '-e', probe],
      {
        cwd: root,
        env: {
          ...env,
          KIJI_DATA_DIR: dataDir,
          KIJI_EMBEDDED_PG_PORT: String(30000 + Math.floor(Math.random() * 9000)),
        },
        encoding: 'utf8',
        timeout: 120_000,
      },
    );
    expect(result.stderr).not.toMatch(/Error/);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('Starting the embedded PostgreSQL');
    // The seed article, eight demo articles and the demo live page.
    expect(result.stdout).toMatch(/ARTICLES=10\b/);
    const stillRunning = spawnSync('pgrep', ['-f', `postgres -D ${path.join(dataDir, 'postgres')}`]);
    expect(stillRunning.status).not.toBe(0);
  });
});
