import { readFile } from 'node:fs/promises';
import { cliActor } from '../lib/auth/actor';
import { importArticleDocument, importOptionsSchema } from '../lib/editorial/importer';
import { afterArticleWrite, settleSourceWork } from '../lib/articles/snapshots/store';
import { parseArticleBytes } from '../lib/articles/text/parse';
import { disconnectDb } from '../lib/platform/db';
import { oneLineFailure } from '../lib/platform/failure-line';
import { CommandError, runCommand, UsageError } from './lib/cli';
import { provideDatabase } from './lib/database';

await runCommand(
  {
    name: 'import',
    usage:
      '<file> [--slug S] [--category C] [--status draft|published] [--place P] [--published-at ISO] [--no-sources-reason TEXT]',
    description:
      "Imports an article from the newsroom's plain text, Markdown or JSON (docs/article.schema.json) and prints its URL path.\n" +
      'Bad input exits non-zero with file:line: problem and writes nothing. An AI article with no source is published only\n' +
      'with --no-sources-reason, which readers are shown.',
    options: {
      slug: { type: 'string' },
      category: { type: 'string' },
      status: { type: 'string' },
      place: { type: 'string' },
      'published-at': { type: 'string' },
      'no-sources-reason': { type: 'string' },
    },
    positionals: { min: 1, max: 1 },
  },
  async ({ values, positionals }, onCleanup) => {
    const file = positionals[0]!;
    const options = importOptionsSchema.safeParse({
      slug: values.slug,
      category: values.category,
      status: values.status,
      place: values.place,
      publishedAt: values['published-at'],
      noSourcesReason: values['no-sources-reason'],
    });
    if (!options.success) {
      const flag = (key: string) =>
        key === 'publishedAt' ? 'published-at' : key === 'noSourcesReason' ? 'no-sources-reason' : key;
      throw new UsageError(
        options.error.issues.map((issue) => `--${flag(String(issue.path[0]))}: ${issue.message}`).join('; '),
      );
    }
    if (values['published-at'] && Number.isNaN(Date.parse(values['published-at'])))
      throw new UsageError('--published-at: not an ISO date');

    let bytes: Buffer;
    try {
      bytes = await readFile(file);
    } catch (error) {
      throw new CommandError(`${file}: ${(error as Error).message}`);
    }
    const parsed = parseArticleBytes(bytes, file);
    if (!parsed.ok) {
      throw new CommandError(
        parsed.problems
          .map((problem) => `${file}${problem.line ? `:${problem.line}` : ''}: ${problem.message}`)
          .join('\n'),
      );
    }

    const database = await provideDatabase();
    onCleanup(database.release);
    onCleanup(disconnectDb);
    let saved;
    try {
      saved = await importArticleDocument(cliActor, parsed.article, options.data);
    } catch (error) {
      throw new CommandError(`${file}: ${oneLineFailure(error)}`);
    }
    // A running site learns of it from PostgreSQL itself, on commit (lib/cache/change-feed.ts).
    console.log(saved.path);
    // Saved is saved: what could not follow the commit is said, and the command still succeeds.
    if (saved.notDone)
      console.error(`npm run import: ${saved.path} は保存しました。まだ済んでいないこと: ${saved.notDone}`);
    // Saved: now its new sources are read and its figures checked (docs/decisions/0028). A source
    // that cannot be read is kept as not checked; the import has succeeded either way.
    afterArticleWrite(saved.id);
    await settleSourceWork();
  },
);
