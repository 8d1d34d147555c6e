import { spawn, type ChildProcess } from 'node:child_process';
import { disconnectDb } from '../lib/platform/db';
import { provideDatabase, type ProvidedDatabase } from './lib/database';
import { isDatabaseEmpty, loadDemoContent } from './lib/demo-content';
import { ensureAuthSecret } from './lib/auth-secret';
import { SIGNAL_CODES } from './lib/cli';
import { serverEnvironment } from './lib/server-flags';

/**
 * `npm run dev`, `npm run build`, `npm start`: run a command with a database. Without
 * DATABASE_URL this starts the embedded PostgreSQL, migrates it and seeds it when empty.
 *
 * This process stays the parent of the command: SIGINT, SIGTERM and SIGHUP are passed on to it,
 * and once it has exited the embedded PostgreSQL is stopped, so that `kill <pid of npm start>`
 * leaves nothing running (package.json `exec`s this process, so npm's signal reaches it). The
 * exit status is the command's; a signal before the command started exits 128 + its number.
 */
const USAGE = `Usage: npm start | npm run dev | npm run build

Serves (npm start, after npm run build), develops (npm run dev) or builds Kiji with a database:
DATABASE_URL when set, else an embedded PostgreSQL in .data/postgres, migrated and, when empty,
loaded with the demo articles. PORT (3000) is where the server listens. See README.md for the rest.`;

const command = process.argv.slice(2);
if (command.length === 0) {
  console.error('Usage: with-db <command…>');
  process.exit(2);
}
if (command.includes('--help') || command.includes('-h')) {
  console.log(USAGE);
  process.exit(0);
}

let child: ChildProcess | undefined;
let database: ProvidedDatabase | undefined;
let stopping: keyof typeof SIGNAL_CODES | undefined;

async function finish(code: number): Promise<never> {
  await database
    ?.release()
    .catch((error) => console.error(`[kiji] could not stop the embedded PostgreSQL: ${(error as Error).message}`));
  process.exit(code);
}

for (const signal of Object.keys(SIGNAL_CODES) as (keyof typeof SIGNAL_CODES)[]) {
  process.on(signal, () => {
    if (child) {
      child.kill(signal);
      return;
    }
    // Still preparing the database: nothing to wait for but the database itself.
    if (!stopping) {
      stopping = signal;
      void finish(SIGNAL_CODES[signal]);
    }
  });
}

try {
  database = await provideDatabase({ log: (line) => console.log(`[kiji] ${line}`) });
  if (database.embedded && (await isDatabaseEmpty())) {
    console.log('[kiji] Empty database: loading the demo articles…');
    await loadDemoContent();
  }
  await disconnectDb();
  await ensureAuthSecret();
} catch (error) {
  console.error(`[kiji] ${(error as Error).message}`);
  await finish(1);
}
process.env.PORT ??= '3000';

if (!stopping) {
  child = spawn(command[0]!, command.slice(1), { stdio: 'inherit', env: serverEnvironment(process.env) });
  child.on('error', (error) => {
    console.error(`[kiji] could not run ${command[0]}: ${error.message}`);
    void finish(1);
  });
  child.on('exit', (code, signal) => {
    void finish(code ?? (signal && signal in SIGNAL_CODES ? SIGNAL_CODES[signal as keyof typeof SIGNAL_CODES] : 1));
  });
}
