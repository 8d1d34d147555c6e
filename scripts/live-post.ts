import { cliActor } from '../lib/auth/actor';
import { disconnectDb, db } from '../lib/platform/db';
import { parseLiveSources, postLiveUpdate } from '../lib/articles/live';
import { CommandError, runCommand, UsageError } from './lib/cli';
import { provideDatabase } from './lib/database';

await runCommand(
  {
    name: 'live:post',
    usage: '--slug S --text T [--heading H] [--key-event] [--pin] [--source "TITLE URL"]…',
    description: [
      'Posts an update to a live page through the same writer as the dashboard (docs/decisions/0040):',
      'a new version of the page, its revision and audit entry, and every instance hears of it.',
      'Without DATABASE_URL it writes to the embedded PostgreSQL in .data/.',
    ].join('\n'),
    options: {
      slug: { type: 'string' },
      text: { type: 'string' },
      heading: { type: 'string' },
      'key-event': { type: 'boolean', default: false },
      pin: { type: 'boolean', default: false },
      source: { type: 'string', multiple: true },
    },
  },
  async ({ values }, onCleanup) => {
    if (!values.slug || !values.text) throw new UsageError('--slug and --text are required');
    const sources = parseLiveSources((values.source ?? []).join('\n'));
    if ('error' in sources) throw new UsageError(`--source: ${sources.error}`);
    const database = await provideDatabase();
    onCleanup(database.release);
    onCleanup(disconnectDb);
    const article = await db().article.findUnique({ where: { slug: values.slug }, select: { id: true } });
    if (!article) throw new CommandError(`記事「${values.slug}」はありません`);
    const result = await postLiveUpdate(cliActor, article.id, {
      body: values.text,
      heading: values.heading,
      keyEvent: values['key-event'],
      pinned: values.pin,
      sources: sources.sources,
    });
    if (!result.ok) throw new CommandError(result.message);
    console.log(`Posted update ${result.updateId} to ${values.slug} (version ${result.version}).`);
    if (result.notDone) console.error(`Saved; not done yet: ${result.notDone}`);
  },
);
