import { insertBulkArticles } from './lib/bulk-articles';
import { integerOption, runCommand } from './lib/cli';
import { provideDatabase } from './lib/database';

await runCommand(
  {
    name: 'db:seed:bulk',
    usage: '[--articles N] [--batch B]',
    description:
      'Inserts N generated Japanese-like articles (default 100,000; at most 2,000,000) for measuring Kiji at scale.',
    options: { articles: { type: 'string', default: '100000' }, batch: { type: 'string', default: '1000' } },
  },
  async ({ values }, onCleanup) => {
    const count = integerOption('articles', values.articles, { max: 2_000_000 });
    const batchSize = integerOption('batch', values.batch, { max: 100_000 });
    const database = await provideDatabase();
    onCleanup(database.release);
    const started = Date.now();
    function progress(done: number) {
      const width = 30;
      const filled = Math.round((done / count) * width);
      const seconds = (Date.now() - started) / 1000;
      const rate = done / Math.max(seconds, 0.001);
      const eta = Math.round((count - done) / Math.max(rate, 1));
      process.stderr.write(
        `\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${count} ${Math.round(rate)}/s ETA ${eta}s   `,
      );
    }
    await insertBulkArticles(database.url, count, { batchSize, onProgress: progress });
    process.stderr.write(
      `\nIndexed and analysed. ${count} articles in ${Math.round((Date.now() - started) / 1000)}s.\n`,
    );
  },
);
