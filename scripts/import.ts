import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { cliActor } from '../lib/actor';
import { importArticleDocument, importOptionsSchema } from '../lib/article-store';
import { parseArticleBytes } from '../lib/article-text/parse';
import { disconnectDb } from '../lib/db';
import { provideDatabase } from './lib/database';
import { notifyRunningSite } from './lib/notify-servers';

const USAGE =
  'Usage: npm run import -- <file> [--slug S] [--category C] [--status draft|published] [--place P] [--published-at ISO]';

function exit(message: string): never {
  console.error(message);
  process.exit(1);
}

const { values, positionals } = (() => {
  try {
    return parseArgs({
      allowPositionals: true,
      options: {
        slug: { type: 'string' },
        category: { type: 'string' },
        status: { type: 'string' },
        place: { type: 'string' },
        'published-at': { type: 'string' },
      },
    });
  } catch (error) {
    return exit(`${(error as Error).message}\n${USAGE}`);
  }
})();

const file = positionals[0];
if (!file || positionals.length > 1) exit(USAGE);

const options = importOptionsSchema.safeParse({
  slug: values.slug,
  category: values.category,
  status: values.status,
  place: values.place,
  publishedAt: values['published-at'],
});
if (!options.success) {
  exit(options.error.issues.map((issue) => `--${String(issue.path[0])}: ${issue.message}`).join('\n'));
}
if (values['published-at'] && Number.isNaN(Date.parse(values['published-at']))) exit('--published-at: not an ISO date');

let bytes: Buffer;
try {
  bytes = await readFile(file);
} catch (error) {
  exit(`${file}: ${(error as Error).message}`);
}

const parsed = parseArticleBytes(bytes, file);
if (!parsed.ok) {
  exit(parsed.problems.map((problem) => `${file}${problem.line ? `:${problem.line}` : ''}: ${problem.message}`).join('\n'));
}

const database = await provideDatabase();
let failure: string | undefined;
try {
  const saved = await importArticleDocument(cliActor, parsed.article, options.data);
  console.log(saved.path);
  console.error(`[kiji] ${await notifyRunningSite(saved.change)}`);
} catch (error) {
  failure = `${file}: ${(error as Error).message}`;
} finally {
  await disconnectDb();
  await database.release();
}
if (failure) exit(failure);
