import { markDraining } from './draining';
import { log } from './logger.mjs';
import { runtime } from './runtime.mjs';

/**
 * The one shutdown sequence, in order:
 * 1. drain: health checks answer 503 `draining` from now on, so load balancers stop sending;
 * 2. stop the scheduler (a tick in flight finishes) and the change feed;
 * 3. stop listening, once the requests in flight are answered (the server's own step);
 * 4. close Next;
 * 5. close the database pool and the Redis connection, bounded by CLOSE_TIMEOUT_MS.
 * Kiji's server (scripts/serve.ts, the composition root) runs it on SIGTERM or SIGINT; this module
 * imports nothing that needs Next's server conditions, because that server's bundle loads it. The
 * scheduler and the change feed live in Next's bundle; they are reached through the runtime
 * registry, where instrumentation.ts puts them.
 */
const CLOSE_TIMEOUT_MS = 5_000;

export type ServerSteps = { stopListening: () => Promise<void>; closeNext: () => Promise<void> };

export async function shutDown(signal: string, server: ServerSteps): Promise<void> {
  markDraining();
  log.info('server_draining', { signal, message: 'draining requests in flight' });
  await stopBackgroundWork();
  await server.stopListening();
  await server.closeNext();
  await closeConnections();
  log.info('server_stopped', { message: 'requests drained; database pool and cache connection closed' });
}

/** Steps 2 and 5 alone, for `next start` and `next dev`, where Next owns the signals and the server. */
export async function stopBackgroundWork(): Promise<void> {
  const state = runtime();
  await Promise.allSettled([state.schedulerStop?.(), state.webhookStop?.(), state.changeFeed?.stop()]);
}

// Through the runtime registry, not lib/platform/db.ts: Kiji's server bundle must not load Prisma.
/** Under `next start` or `next dev`: stop the background work when Next is told to stop. */
export function stopBackgroundWorkOnSignals(): void {
  for (const signal of ['SIGTERM', 'SIGINT'] as const) process.once(signal, () => void stopBackgroundWork());
}

async function closeConnections(): Promise<void> {
  const state = runtime();
  const closing = Promise.allSettled([state.prisma?.$disconnect(), state.store?.close()]);
  await Promise.race([closing, new Promise((resolve) => setTimeout(resolve, CLOSE_TIMEOUT_MS).unref())]);
}
