import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { backupDatabase } from './lib/backup';
import { provideDatabase } from './lib/database';

// `npm run db:backup [-- DIR]`: a timestamped pg_dump (custom format) of DATABASE_URL, or the embedded database.
const dir = path.resolve(process.argv[2] ?? 'backups');
const database = await provideDatabase();
try {
  await mkdir(dir, { recursive: true });
  const stamp = new Date().toISOString().replace(/[-:]/g, '').replace(/\..*$/, '').replace('T', '-');
  const file = path.join(dir, `kiji-${stamp}.dump`);
  await backupDatabase(database.url, file);
  console.log(file);
} catch (error) {
  console.error((error as Error).message);
  process.exitCode = 1;
} finally {
  await database.release();
}
