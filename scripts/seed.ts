import { disconnectDb } from '../lib/db';
import { provideDatabase } from './lib/database';
import { loadDemoContent } from './lib/demo-content';

// `npm run db:seed`: the seed article and the demo articles. Safe to run again: it updates them.
const database = await provideDatabase();
try {
  const count = await loadDemoContent((line) => console.log(line));
  console.log(`Seeded ${count} articles.`);
} finally {
  await disconnectDb();
  await database.release();
}
