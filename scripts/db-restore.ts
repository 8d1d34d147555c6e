import { restoreDatabase } from './lib/backup';

// `npm run db:restore -- FILE`: restore a db:backup file into the empty database at DATABASE_URL.
const file = process.argv[2];
const url = process.env.DATABASE_URL;
if (!file || !url) {
  console.error('Usage: DATABASE_URL=postgresql://…/empty_database npm run db:restore -- FILE');
  process.exit(1);
}
try {
  await restoreDatabase(url, file);
  console.log(`Restored ${file}.`);
} catch (error) {
  console.error((error as Error).message);
  process.exitCode = 1;
}
