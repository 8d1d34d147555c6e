import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { backupDatabase } from './lib/backup';
import { runCommand } from './lib/cli';
import { provideDatabase } from './lib/database';

await runCommand(
  {
    name: 'db:backup',
    usage: '[DIR]',
    description:
      'Writes a timestamped backup of DATABASE_URL, or of the embedded PostgreSQL, into DIR (default backups/) and prints its path.\n' +
      'Made with COPY over the PostgreSQL protocol: no pg_dump is needed, and it restores into PostgreSQL 15 or 18 (npm run db:restore).',
    options: {},
    positionals: { max: 1 },
  },
  async ({ positionals }, onCleanup) => {
    const dir = path.resolve(positionals[0] ?? 'backups');
    const database = await provideDatabase();
    onCleanup(database.release);
    await mkdir(dir, { recursive: true });
    const stamp = new Date().toISOString().replace(/[-:]/g, '').replace(/\..*$/, '').replace('T', '-');
    const file = path.join(dir, `kiji-${stamp}.kiji-backup.gz`);
    const { rows } = await backupDatabase(database.url, file);
    console.error(`Backed up ${rows.articles ?? 0} articles from ${database.description}.`);
    console.log(file);
  },
);
