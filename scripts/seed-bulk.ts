import { parseArgs } from 'node:util';
import { insertBulkArticles } from './lib/bulk-articles';
import { provideDatabase } from './lib/database';

// `npm run db:seed:bulk -- --articles 100000`: generated articles for measuring Kiji at scale.
const { values } = parseArgs({ options: { articles: { type: 'string', default: '100000' }, batch: { type: 'string', default: '1000' } } });
const count = Number(values.articles);
const batchSize = Number(values.batch);
if (!Number.isInteger(count) || count < 1 || count > 2_000_000 || !Number.isInteger(batchSize) || batchSize < 1) {
  console.error('Usage: npm run db:seed:bulk -- --articles N [--batch B]  (1 ≤ N ≤ 2,000,000)');
  process.exit(1);
}

const database = await provideDatabase();
const started = Date.now();
function progress(done: number) {
  const width = 30;
  const filled = Math.round((done / count) * width);
  const seconds = (Date.now() - started) / 1000;
  const rate = done / Math.max(seconds, 0.001);
  const eta = Math.round((count - done) / Math.max(rate, 1));
  process.stderr.write(`\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${count} ${Math.round(rate)}/s ETA ${eta}s   `);
}
try {
  await insertBulkArticles(database.url, count, { batchSize, onProgress: progress });
  process.stderr.write(`\nIndexed and analysed. ${count} articles in ${Math.round((Date.now() - started) / 1000)}s.\n`);
} finally {
  await database.release();
}
