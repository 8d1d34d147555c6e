import 'server-only';
import { db } from './db';
import { databaseMarkedDown, isDatabaseUnavailable, markDatabaseDown, markDatabaseUp } from './db-availability';
import { config } from './config';
import { log } from './logger.mjs';
import { poolBudgetProblem } from './pool-budget';
import { runtime } from './runtime.mjs';

/**
 * Asks the database whether it is back. While it is marked down, at most once a second per
 * process, so an outage does not turn every request into a connection attempt; with `force`,
 * always (the admin asks on each request: it is private, rare, and must say the truth).
 */
const PROBE_INTERVAL_MS = 1_000;

export async function databaseReachable({ force = false } = {}): Promise<boolean> {
  const probe = runtime().databaseProbe;
  if (!force && !databaseMarkedDown()) return true;
  if (!force && Date.now() - probe.last < PROBE_INTERVAL_MS) return false;
  probe.running ??= (async () => {
    probe.last = Date.now();
    try {
      await db().$queryRaw`SELECT 1`;
      markDatabaseUp();
      return true;
    } catch (error) {
      if (!isDatabaseUnavailable(error)) throw error;
      markDatabaseDown();
      return false;
    } finally {
      probe.running = null;
    }
  })();
  return probe.running;
}

/** For health checks: asks the database itself, but at most once a second per process. */
export async function databaseReachableNow(): Promise<boolean> {
  return databaseReachable({ force: Date.now() - runtime().databaseProbe.last >= PROBE_INTERVAL_MS });
}

/** At start: warn when KIJI_INSTANCES × DATABASE_POOL_SIZE would not fit in max_connections. */
export async function warnAboutPoolBudget(): Promise<void> {
  try {
    const [row] = await db().$queryRaw<{ max: number; reserved: number }[]>`
      SELECT current_setting('max_connections')::int AS max, current_setting('superuser_reserved_connections')::int AS reserved`;
    if (!row) return;
    const { DATABASE_POOL_SIZE, KIJI_INSTANCES } = config();
    const problem = poolBudgetProblem({
      poolSize: DATABASE_POOL_SIZE,
      instances: KIJI_INSTANCES,
      maxConnections: row.max,
      reserved: row.reserved,
    });
    if (problem) log.warn('pool_budget', { message: problem });
  } catch {
    // The database may not be up yet; this is advice, not a condition for starting.
  }
}
