import { access } from 'node:fs/promises';
import { restoreDatabase } from './lib/backup';
import { CommandError, runCommand, UsageError } from './lib/cli';
import { config } from '../lib/platform/config';

await runCommand(
  {
    name: 'db:restore',
    usage: 'FILE   (with DATABASE_URL naming a new, empty database)',
    description:
      'Restores a backup made by npm run db:backup into the empty database at DATABASE_URL, then applies newer migrations.',
    options: {},
    positionals: { min: 1, max: 1 },
  },
  async ({ positionals }) => {
    const file = positionals[0]!;
    const url = config().DATABASE_URL;
    if (!url) throw new UsageError('DATABASE_URL must name the empty database to restore into');
    await access(file).catch(() => {
      throw new CommandError(`${file}: no such file`);
    });
    const { rows } = await restoreDatabase(url, file, { log: (line) => console.error(line) });
    console.log(`Restored ${file}: ${rows.articles ?? 0} articles.`);
  },
);
