import 'server-only';
import { disconnectDb } from './db';
import { isDraining, markDraining } from './draining';
import { sharedStore } from '../cache/store.mjs';
import { log } from './logger.mjs';

/**
 * Graceful shutdown. On SIGTERM, Kiji's server (scripts/serve.ts), like `next start`, stops
 * accepting connections, waits for the requests in flight to finish, and then calls process.exit.
 * The pool lives inside Next's bundle, out of the server's reach, so Kiji wraps process.exit once:
 * when it is called after SIGTERM, the database pool and the Redis connection are closed first
 * (bounded by CLOSE_TIMEOUT_MS), and only then does the process exit.
 */
const CLOSE_TIMEOUT_MS = 5_000;
const holder = globalThis as typeof globalThis & { kijiShutdownInstalled?: boolean };

export function installGracefulShutdown(onSignal: () => void): void {
  if (holder.kijiShutdownInstalled) return;
  holder.kijiShutdownInstalled = true;
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      markDraining();
      onSignal();
      log.info('server_draining', { signal, message: 'draining requests in flight' });
    });
  }
  const exit = process.exit.bind(process);
  process.exit = ((code?: number) => {
    if (!isDraining()) return exit(code);
    const closing = Promise.allSettled([disconnectDb(), sharedStore().close()]);
    const timeout = new Promise((resolve) => setTimeout(resolve, CLOSE_TIMEOUT_MS).unref());
    void Promise.race([closing, timeout]).then(() => {
      log.info('server_stopped', { message: 'requests drained; database pool and cache connection closed' });
      exit(code);
    });
    return undefined as never;
  }) as typeof process.exit;
}
