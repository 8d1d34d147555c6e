import { disconnectDb } from '../lib/platform/db';
import { runCommand } from './lib/cli';
import { provideDatabase } from './lib/database';
import { loadDemoContent } from './lib/demo-content';

await runCommand(
  {
    name: 'db:seed',
    usage: '',
    description: 'Loads the seed article and the demo articles. Safe to run again: it updates them.',
    options: {},
  },
  async (_, onCleanup) => {
    const database = await provideDatabase();
    onCleanup(database.release);
    onCleanup(disconnectDb);
    const count = await loadDemoContent((line) => console.log(line));
    console.log(`Seeded ${count} articles into ${database.description}.`);
  },
);
