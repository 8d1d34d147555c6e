import 'server-only';
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { PrismaClient } from '../generated/prisma/client';
import { config, requireDatabaseUrl } from './config';
import { markDatabaseDown } from './db-availability';
import { log } from './logger.mjs';
import { metrics } from './metrics.mjs';
import { runtime } from './runtime.mjs';

export type QueryEvent = { query: string; params: string; duration: number };
type QueryListener = (event: QueryEvent) => void;

// One client per process, in the runtime registry: Next's dev server re-evaluates modules.

function createClient(): PrismaClient {
  // A down database must fail a request within seconds (the proxy then answers 503), not hang it.
  const pool = new pg.Pool({
    connectionString: requireDatabaseUrl(),
    max: config().DATABASE_POOL_SIZE,
    connectionTimeoutMillis: 3_000,
  });
  // Read when Prometheus scrapes: the pool of whichever client is current.
  metrics.poolConnections(() => {
    const current = runtime().pool;
    return { total: current?.totalCount ?? 0, idle: current?.idleCount ?? 0, waiting: current?.waitingCount ?? 0 };
  });
  runtime().pool = pool;
  const client = new PrismaClient({
    adapter: new PrismaPg(pool, {
      // A dropped connection (the server shut down or restarted) is the first sign of an outage.
      onPoolError: markDatabaseDown,
      onConnectionError: markDatabaseDown,
      disposeExternalPool: true,
    }),
    log: [{ emit: 'event', level: 'query' }],
  });
  // KIJI_QUERY_LOG=1 prints one line per query, so a test can count what a real page view costs.
  if (config().KIJI_QUERY_LOG) {
    runtime().queryListeners.add((event) => log.debug('query', { ms: event.duration, sql: event.query.slice(0, 160) }));
  }
  client.$on('query', (event) => {
    for (const listener of runtime().queryListeners)
      listener({ query: event.query, params: event.params, duration: event.duration });
  });
  return client;
}

export function db(): PrismaClient {
  const state = runtime();
  state.prisma ??= createClient();
  return state.prisma;
}

/** Every query the client runs, for tests that count queries or check their plans. */
export function onQuery(listener: QueryListener): () => void {
  runtime().queryListeners.add(listener);
  return () => runtime().queryListeners.delete(listener);
}

export async function disconnectDb(): Promise<void> {
  const state = runtime();
  await state.prisma?.$disconnect();
  state.prisma = undefined;
  state.pool = undefined;
}
