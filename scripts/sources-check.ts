import { disconnectDb } from '../lib/platform/db';
import { checkSources, UnknownArticleError } from '../lib/articles/source-health';
import { takeSnapshots } from '../lib/articles/snapshots/store';
import { CommandError, integerOption, runCommand } from './lib/cli';
import { provideDatabase } from './lib/database';

// docs/decisions/0007-transparency.md, docs/decisions/0028-sources-kept-figures-checked.md
await runCommand(
  {
    name: 'sources:check',
    usage: '[--article SLUG] [--concurrency N] [--timeout MS]',
    description:
      'Checks every cited source URL (or one article’s) and records broken, moved or changed ones; the article’s edit page shows them. Then reads each source (those never read first) and keeps a snapshot of its text, and checks the figures of the articles that cite it against the snapshots.',
    options: {
      concurrency: { type: 'string', default: '4' },
      timeout: { type: 'string', default: '10000' },
      article: { type: 'string' },
    },
  },
  async ({ values }, onCleanup) => {
    const concurrency = integerOption('concurrency', values.concurrency, { max: 64 });
    const timeoutMs = integerOption('timeout', values.timeout, { min: 100, max: 600_000 });
    const database = await provideDatabase();
    onCleanup(database.release);
    onCleanup(disconnectDb);
    let results;
    let snapshots;
    try {
      results = await checkSources({ concurrency, timeoutMs, articleSlug: values.article });
      snapshots = await takeSnapshots({ concurrency, timeoutMs, articleSlug: values.article });
    } catch (error) {
      if (error instanceof UnknownArticleError) throw new CommandError(`--article: ${error.message}`);
      throw error;
    }
    const broken = results.filter((result) => result.status === null || result.status >= 400);
    for (const result of broken) console.log(`broken  ${result.url}  ${result.error ?? `HTTP ${result.status}`}`);
    console.log(`Checked ${results.length} source URLs: ${broken.length} broken.`);
    const unread = snapshots.filter((snapshot) => !snapshot.ok);
    for (const snapshot of unread)
      if (!snapshot.ok) console.log(`not read  ${snapshot.url}  ${snapshot.problem}: ${snapshot.detail}`);
    console.log(
      `Read ${snapshots.length} sources: ${snapshots.length - unread.length} kept, ${unread.length} not checked.`,
    );
  },
);
