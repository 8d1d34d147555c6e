import { createReadStream, createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import type { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip, createGzip } from 'node:zlib';
import pg from 'pg';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';
import { z } from 'zod';
import { applyMigrations, readMigrations } from './migrations';

/**
 * Kiji's own backups, made through the PostgreSQL protocol with COPY, so that they need no
 * `pg_dump` of the server's version. The embedded default is PostgreSQL 18 and Debian offers only
 * `pg_dump` 15, which refuses newer servers; with COPY, one backup restores into 15 or 18 alike.
 *
 * The schema is not in the file: it is Kiji's migrations. A backup names the migrations its
 * database had; a restore applies exactly those to an empty database, loads every table's rows,
 * sets the sequences, and then applies the migrations that came later.
 *
 * File: gzip of
 *   KIJI-BACKUP 1 {"createdAt", "serverVersion", "migrations": [names]}
 *   TABLE {"name", "columns": [...]}      then the table's rows in COPY text form, then `\.`
 *   END {"sequences": [...], "rows": {table: count}}
 * COPY's text form escapes newlines and carriage returns inside values, so every row is one line.
 */

const MAGIC = 'KIJI-BACKUP 1 ';
const headerSchema = z.object({ createdAt: z.string(), serverVersion: z.string(), migrations: z.array(z.string()) });
const tableSchema = z.object({ name: z.string(), columns: z.array(z.string()).min(1) });
const endSchema = z.object({
  sequences: z.array(z.object({ name: z.string(), value: z.string(), isCalled: z.boolean() })),
  rows: z.record(z.string(), z.number()),
});

const ident = (name: string) => pg.escapeIdentifier(name);

async function connect(url: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  return client;
}

async function publicTables(client: pg.Client): Promise<{ name: string; columns: string[] }[]> {
  const { rows } = await client.query<{ table_name: string; columns: string[] }>(`
    SELECT c.table_name, array_agg(c.column_name::text ORDER BY c.ordinal_position) AS columns
      FROM information_schema.columns c
      JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
     WHERE c.table_schema = 'public' AND t.table_type = 'BASE TABLE' AND c.is_generated = 'NEVER'
     GROUP BY c.table_name ORDER BY c.table_name`);
  return rows.map((row) => ({ name: row.table_name, columns: row.columns }));
}

/** Tables ordered so that every table comes after the tables its foreign keys point to. */
async function loadOrder(client: pg.Client, tables: string[]): Promise<string[]> {
  const { rows } = await client.query<{ child: string; parent: string }>(`
    SELECT cl.relname AS child, pc.relname AS parent
      FROM pg_constraint co
      JOIN pg_class cl ON cl.oid = co.conrelid
      JOIN pg_class pc ON pc.oid = co.confrelid
      JOIN pg_namespace n ON n.oid = cl.relnamespace
     WHERE co.contype = 'f' AND n.nspname = 'public' AND cl.relname <> pc.relname`);
  const ordered: string[] = [];
  const remaining = new Set(tables);
  while (remaining.size > 0) {
    const ready = [...remaining].filter(
      (table) => !rows.some((row) => row.child === table && remaining.has(row.parent)),
    );
    if (ready.length === 0) throw new Error(`foreign keys form a cycle between ${[...remaining].join(', ')}`);
    for (const table of ready.sort()) {
      ordered.push(table);
      remaining.delete(table);
    }
  }
  return ordered;
}

export async function backupDatabase(url: string, file: string): Promise<{ rows: Record<string, number> }> {
  const client = await connect(url);
  const partial = `${file}.partial`;
  const rows: Record<string, number> = {};
  try {
    // One snapshot for every table: the backup is consistent even while the site is writing.
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const { rows: version } = await client.query<{ server_version: string }>('SHOW server_version');
    const all = await publicTables(client);
    // Written in foreign-key order, so that a restore can stream each table straight into COPY.
    const order = await loadOrder(
      client,
      all.map((table) => table.name),
    );
    const tables = order.map((name) => all.find((table) => table.name === name)!);
    if (!tables.some((table) => table.name === '_prisma_migrations'))
      throw new Error('this database has no Kiji schema to back up (no _prisma_migrations table)');
    const { rows: migrations } = await client.query<{ migration_name: string }>(
      `SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL ORDER BY migration_name`,
    );
    const { rows: sequences } = await client.query<{ name: string; value: string | null; is_called: boolean }>(`
      SELECT s.sequencename AS name, COALESCE(s.last_value, s.start_value)::text AS value, s.last_value IS NOT NULL AS is_called
        FROM pg_sequences s WHERE s.schemaname = 'public' ORDER BY 1`);

    const out = createGzip();
    const written = pipeline(out, createWriteStream(partial));
    const write = (text: string) =>
      out.write(text) ? Promise.resolve() : new Promise<void>((resolve) => out.once('drain', () => resolve()));
    const header = {
      createdAt: new Date().toISOString(),
      serverVersion: version[0]!.server_version,
      migrations: migrations.map((m) => m.migration_name),
    };
    await write(`${MAGIC}${JSON.stringify(header)}\n`);
    for (const table of tables) {
      await write(`TABLE ${JSON.stringify(table)}\n`);
      const columns = table.columns.map(ident).join(', ');
      let count = 0;
      let pending = '';
      const copy = client.query(copyTo(`COPY ${ident(table.name)} (${columns}) TO STDOUT`));
      for await (const chunk of copy as AsyncIterable<Buffer>) {
        const text = pending + chunk.toString('utf8');
        const lastNewline = text.lastIndexOf('\n');
        pending = text.slice(lastNewline + 1);
        const complete = text.slice(0, lastNewline + 1);
        for (let i = complete.indexOf('\n'); i !== -1; i = complete.indexOf('\n', i + 1)) count += 1;
        if (complete) await write(complete);
      }
      if (pending) throw new Error(`COPY of ${table.name} ended mid-row`);
      rows[table.name] = count;
      await write('\\.\n');
    }
    const end = {
      sequences: sequences.map((s) => ({ name: s.name, value: s.value ?? '1', isCalled: s.is_called })),
      rows,
    };
    await write(`END ${JSON.stringify(end)}\n`);
    out.end();
    await written;
    await client.query('COMMIT');
    await rename(partial, file);
    return { rows };
  } catch (error) {
    await rm(partial, { force: true });
    throw error;
  } finally {
    await client.end();
  }
}

/** Restores into an empty database only: a restore never merges into or overwrites live data. */
export async function restoreDatabase(
  url: string,
  file: string,
  { log = (_line: string) => {} } = {},
): Promise<{ rows: Record<string, number> }> {
  const check = await connect(url);
  try {
    const { rows } = await check.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM information_schema.tables WHERE table_schema = 'public'`,
    );
    if (rows[0]!.n > 0) throw new Error('The target database is not empty: restore into a new, empty database.');
  } finally {
    await check.end();
  }

  const lines = createInterface({ input: createReadStream(file).pipe(createGunzip()), crlfDelay: Infinity })[
    Symbol.asyncIterator
  ]();
  const next = async (): Promise<string | undefined> => {
    const result = await lines.next();
    return result.done ? undefined : result.value;
  };
  let first: string | undefined;
  try {
    first = await next();
  } catch (error) {
    throw new Error(`${file} is not a Kiji backup (${(error as Error).message})`);
  }
  if (!first?.startsWith(MAGIC)) throw new Error(`${file} is not a Kiji backup (made by npm run db:backup)`);
  const header = headerSchema.parse(JSON.parse(first.slice(MAGIC.length)));

  const known = (await readMigrations()).map((migration) => migration.name);
  const unknown = header.migrations.filter((name) => !known.includes(name));
  if (unknown.length > 0)
    throw new Error(
      `the backup was taken with migrations this checkout does not have (${unknown.join(', ')}): restore it with a newer Kiji`,
    );
  await applyMigrations(url, { only: new Set(header.migrations) });

  const client = await connect(url);
  const restored: Record<string, number> = {};
  try {
    await client.query('BEGIN');
    // Row by row announcements would say nothing a restored database's first server needs.
    await client.query(`SET LOCAL kiji.quiet_changes = 'on'`);
    // The migrations applied above wrote their own bookkeeping rows; the backup's rows replace them.
    await client.query('DELETE FROM _prisma_migrations');
    let line = await next();
    while (line?.startsWith('TABLE ')) {
      const table = tableSchema.parse(JSON.parse(line.slice('TABLE '.length)));
      const columns = table.columns.map(ident).join(', ');
      const into = client.query(copyFrom(`COPY ${ident(table.name)} (${columns}) FROM STDIN`)) as Writable;
      const finished = new Promise<void>((resolve, reject) => {
        into.once('finish', resolve);
        into.once('error', reject);
      });
      let count = 0;
      for (line = await next(); line !== undefined && line !== '\\.'; line = await next()) {
        count += 1;
        if (!into.write(`${line}\n`)) await new Promise<void>((resolve) => into.once('drain', () => resolve()));
      }
      into.end();
      await finished;
      if (line === undefined)
        throw new Error(`${file} ends inside the rows of ${table.name}: the backup is incomplete`);
      restored[table.name] = count;
      log(`${table.name}: ${count} rows`);
      line = await next();
    }
    if (!line?.startsWith('END ')) throw new Error(`${file} has no END line: the backup is incomplete`);
    const end = endSchema.parse(JSON.parse(line.slice('END '.length)));
    for (const [name, count] of Object.entries(end.rows)) {
      if (restored[name] !== count)
        throw new Error(`${file}: ${name} holds ${restored[name] ?? 0} rows, the backup recorded ${count}`);
    }
    for (const sequence of end.sequences) {
      await client.query('SELECT setval($1::regclass, $2::bigint, $3)', [
        ident(sequence.name),
        sequence.value,
        sequence.isCalled,
      ]);
    }
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    await client.end();
  }
  // A backup from an older Kiji: bring its schema up to this checkout's.
  const { applied } = await applyMigrations(url, { log });
  if (applied.length > 0) log(`then applied ${applied.length} newer migrations`);
  return { rows: restored };
}
