import { parseArgs } from 'node:util';
import { disconnectDb } from '../lib/db';
import { checkSources } from '../lib/source-health';
import { provideDatabase } from './lib/database';

// `npm run sources:check`: check every cited source URL and record its status (docs/decisions/0007).
const { values } = parseArgs({
  options: { concurrency: { type: 'string', default: '4' }, timeout: { type: 'string', default: '10000' }, article: { type: 'string' } },
});
const database = await provideDatabase();
try {
  const results = await checkSources({ concurrency: Number(values.concurrency), timeoutMs: Number(values.timeout), articleSlug: values.article });
  const broken = results.filter((result) => result.status === null || result.status >= 400);
  for (const result of broken) console.log(`broken  ${result.url}  ${result.error ?? `HTTP ${result.status}`}`);
  console.log(`Checked ${results.length} source URLs: ${broken.length} broken.`);
} finally {
  await disconnectDb();
  await database.release();
}
