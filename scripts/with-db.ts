import { spawn, type ChildProcess } from 'node:child_process';
import { config } from '../lib/platform/config';
import { disconnectDb } from '../lib/platform/db';
import {
  LAUNCHER_STOP_BOUND_MS,
  SERVER_STOP_BOUND_MS,
  serverCommand,
  serverEnvironment,
  startStory,
  stopOnSignals,
} from '../lib/platform/startup';
import { provideDatabase, type ProvidedDatabase } from './lib/database';
import { isDatabaseEmpty, loadDemoContent } from './lib/demo-content';
import { ensureAuthSecret } from './lib/auth-secret';
import { SIGNAL_CODES } from './lib/cli';

/**
 * The launcher: `npm start`, `npm run dev` and `npm run build` (or `with-db <command…>`, any
 * command with a database). Its part of the one start-up story (lib/platform/startup.ts):
 *   configuration → database → command
 * Without DATABASE_URL the database stage starts the embedded PostgreSQL, migrates it and seeds it
 * when empty. The command is the server as `serverCommand` declares it (its node flags and
 * allocator tuning), the build, or the command given.
 *
 * This process stays the parent of the command: SIGINT and SIGTERM stop the story in reverse (the
 * signal is passed on to the command, whose exit is waited for, then the embedded PostgreSQL is
 * stopped), so that `kill <pid of npm start>` leaves nothing running (package.json `exec`s this
 * process, so npm's signal reaches it). The exit status is the command's; a signal before the
 * command started exits 128 + its number.
 */
const USAGE = `Usage: npm start | npm run dev | npm run build

Serves (npm start, after npm run build), develops (npm run dev) or builds Kiji with a database:
DATABASE_URL when set, else an embedded PostgreSQL in .data/postgres, migrated and, when empty,
loaded with the demo articles. PORT (3000) is where the server listens. See README.md for the rest.`;

const argv = process.argv.slice(2);
if (argv.length === 0) {
  console.error('Usage: with-db start | dev | build | <command…>');
  process.exit(2);
}
if (argv.includes('--help') || argv.includes('-h')) {
  console.log(USAGE);
  process.exit(0);
}

/** What each mode runs once the database is ready. */
function command(): { command: string; args: string[]; env: NodeJS.ProcessEnv } {
  const [mode, ...rest] = argv;
  if (mode === 'start' || mode === 'dev') return serverCommand(mode, process.env);
  if (mode === 'build')
    return { command: 'npm', args: ['run', '-s', 'build:app'], env: serverEnvironment(process.env) };
  return { command: mode!, args: rest, env: serverEnvironment(process.env) };
}

const say = (line: string) => console.log(`[kiji] ${line}`);
/** The command's exit status, once it has exited. */
let exitCode: number | undefined;

const story = startStory(
  'launcher',
  {
    configuration: async () => {
      config();
    },

    database: async (stopping) => {
      const database: ProvidedDatabase = await provideDatabase({ log: say });
      // Told to stop while the demo articles load (a minute on a busy machine): the embedded
      // PostgreSQL is stopped at once, and the load, cut off, is no failure.
      const givenUp = new Promise<'stopped'>((resolve) =>
        stopping.addEventListener('abort', () => resolve('stopped'), { once: true }),
      );
      try {
        if (stopping.aborted) throw new Error('stopped');
        if (database.embedded && (await isDatabaseEmpty())) {
          say('Empty database: loading the demo articles…');
          const loading = loadDemoContent();
          loading.catch(() => {});
          if ((await Promise.race([loading, givenUp])) === 'stopped') throw new Error('stopped');
        }
        await disconnectDb();
        await ensureAuthSecret();
      } catch (error) {
        await database.release();
        throw error;
      }
      return () =>
        database
          .release()
          .catch((error: Error) => console.error(`[kiji] could not stop the embedded PostgreSQL: ${error.message}`));
    },

    command: async () => {
      process.env.PORT ??= '3000';
      const run = command();
      const child: ChildProcess = spawn(run.command, run.args, { stdio: 'inherit', env: run.env });
      const exited = new Promise<number>((resolve) => {
        child.once('error', (error) => {
          console.error(`[kiji] could not run ${run.command}: ${error.message}`);
          resolve(1);
        });
        child.once('exit', (code, signal) =>
          resolve(code ?? (signal && signal in SIGNAL_CODES ? SIGNAL_CODES[signal as keyof typeof SIGNAL_CODES] : 1)),
        );
      });
      // The command ending by itself (the build done, the server failing) ends the story too.
      void exited.then((code) => {
        exitCode = code;
        void story.stop('the command exited').then(() => process.exit(code));
      });
      return async (reason) => {
        if (exitCode !== undefined) return;
        // The server stops on SIGTERM and SIGINT; a closed terminal's SIGHUP is passed on as SIGTERM.
        child.kill(reason === 'SIGINT' ? 'SIGINT' : 'SIGTERM');
        // The server stops within its own bound; past it (and a margin), it is killed.
        const killed = setTimeout(() => child.kill('SIGKILL'), SERVER_STOP_BOUND_MS + 5_000);
        await exited;
        clearTimeout(killed);
      };
    },
  },
  {
    boundMs: LAUNCHER_STOP_BOUND_MS,
    report: (event) => {
      if (event.event === 'stage_stop_failed')
        console.error(`[kiji] could not stop the ${event.stage}: ${event.message}`);
      if (event.event === 'shutdown_timed_out')
        console.error(`[kiji] still stopping after ${event.boundMs} ms: ${event.stages.join(', ')}`);
    },
  },
);

stopOnSignals(
  story,
  (signal, outcome) => process.exit(exitCode ?? (outcome.clean ? SIGNAL_CODES[signal] : 1)),
  process,
  ['SIGTERM', 'SIGINT', 'SIGHUP'],
);

try {
  await story.started;
} catch (error) {
  console.error(`[kiji] ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
