import { runtime } from './runtime.mjs';
/**
 * Whether an error means the database cannot be reached at all (down, restarting, refusing
 * connections, out of connections), as opposed to a query that failed; and what this process last
 * learned about it. No imports, so that the proxy, the pool's error hooks, instrumentation.ts and
 * Kiji's server can all share it; lib/platform/db-health.ts probes.
 */
const PRISMA_CODES = new Set(['P1001', 'P1002', 'P1008', 'P1017', 'P2024']);
const ADAPTER_KINDS = new Set(['DatabaseNotReachable', 'ConnectionClosed', 'SocketTimeout', 'TooManyConnections']);
// SQLSTATE class 08 (connection exception) and 57P01–57P03 (shutdown, crash, cannot connect now).
const SQLSTATE = /^(08\w{3}|57P0[123])$/;
const NODE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENOTFOUND', 'EPIPE']);
const MESSAGES =
  /Connection terminated|Can't reach database server|timeout exceeded when trying to connect|Client has encountered a connection error/i;

type Inspectable = {
  code?: unknown;
  kind?: unknown;
  originalCode?: unknown;
  message?: unknown;
  cause?: unknown;
  meta?: unknown;
};

export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (!error || typeof error !== 'object' || depth > 5) return false;
  const candidate = error as Inspectable;
  if (
    typeof candidate.code === 'string' &&
    (PRISMA_CODES.has(candidate.code) || NODE_CODES.has(candidate.code) || SQLSTATE.test(candidate.code))
  )
    return true;
  if (typeof candidate.kind === 'string' && ADAPTER_KINDS.has(candidate.kind)) return true;
  if (typeof candidate.originalCode === 'string' && SQLSTATE.test(candidate.originalCode)) return true;
  if (typeof candidate.message === 'string' && MESSAGES.test(candidate.message)) return true;
  const meta = candidate.meta as { driverAdapterError?: unknown } | undefined;
  return (
    isDatabaseUnavailable(meta?.driverAdapterError, depth + 1) || isDatabaseUnavailable(candidate.cause, depth + 1)
  );
}

/**
 * Set by any failed connection, dropped connection or failed query (lib/platform/db.ts, the proxy,
 * instrumentation.ts); cleared by a successful probe (lib/platform/db-health.ts). In the runtime
 * registry, because the proxy and the pages are separate bundles in one process.
 */
export function markDatabaseDown(): void {
  runtime().databaseDownSince ??= Date.now();
}

export function markDatabaseUp(): void {
  runtime().databaseDownSince = null;
}

export function databaseMarkedDown(): boolean {
  return runtime().databaseDownSince !== null;
}
