import { runCommand } from './lib/cli';
import { provideDatabase } from './lib/database';

// See docs/decisions/0002-migrations-without-schema-engine.md.
await runCommand(
  {
    name: 'db:migrate',
    usage: '',
    description: 'Applies pending prisma/migrations to DATABASE_URL, or to the embedded PostgreSQL when it is unset.',
    options: {},
  },
  async (_, onCleanup) => {
    const database = await provideDatabase({ log: (line) => console.log(line) });
    onCleanup(database.release);
    console.log(`Migrated ${database.description}.`);
  },
);
