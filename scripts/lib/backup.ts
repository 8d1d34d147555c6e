import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import pg from 'pg';

/**
 * Backups with PostgreSQL's own tools: `pg_dump --format=custom` and `pg_restore` into an empty
 * database. pg_dump refuses servers newer than itself, so the versions are checked first, with a
 * message that says what to install.
 */
const run = promisify(execFile);

export async function pgDumpMajor(): Promise<number | null> {
  try {
    const { stdout } = await run('pg_dump', ['--version']);
    return Number(/(\d+)\.\d+/.exec(stdout)?.[1] ?? NaN) || null;
  } catch {
    return null;
  }
}

export async function serverMajor(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ server_version_num: string }>('SHOW server_version_num');
    return Math.floor(Number(rows[0]!.server_version_num) / 10000);
  } finally {
    await client.end();
  }
}

export async function assertToolsFit(url: string): Promise<void> {
  const [tools, server] = await Promise.all([pgDumpMajor(), serverMajor(url)]);
  if (tools === null) throw new Error('pg_dump was not found: install the PostgreSQL client tools (Debian: apt-get install postgresql-client).');
  if (tools < server) {
    throw new Error(`pg_dump ${tools} cannot dump a PostgreSQL ${server} server: install postgresql-client-${server} or newer.`);
  }
}

export async function backupDatabase(url: string, file: string): Promise<void> {
  await assertToolsFit(url);
  await run('pg_dump', ['--format=custom', '--no-owner', '--no-privileges', `--file=${file}`, url]);
}

/** Restores into an empty database only: a restore never merges into or overwrites live data. */
export async function restoreDatabase(url: string, file: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM information_schema.tables WHERE table_schema = 'public'`);
    if (rows[0]!.n > 0) throw new Error('The target database is not empty: restore into a new, empty database.');
  } finally {
    await client.end();
  }
  await run('pg_restore', ['--no-owner', '--no-privileges', '--exit-on-error', `--dbname=${url}`, file]);
}
