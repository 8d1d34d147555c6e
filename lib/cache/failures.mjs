// @ts-check
// A cache that cannot answer is a miss, never an error page: every caller falls back to rendering
// or to the database. That must not be silent either. Each kind of failure is logged the first time
// in any minute, with how many were swallowed since the last line, so an outage shows in the log
// without flooding it. Plain JavaScript: the cache handler Next loads uses it too.

import { log } from '../platform/logger.mjs';
import { metrics } from '../platform/metrics.mjs';
import { runtime } from '../platform/runtime.mjs';

const WINDOW_MS = 60_000;

/** @typedef {'entry-read' | 'entry-write' | 'tag-read' | 'tag-expire' | 'memo-read' | 'memo-write' | 'redis-probe'} CacheFailureKind */

const state = () => runtime().cacheFailures;

/**
 * @param {CacheFailureKind} kind
 * @param {unknown} error
 * @param {(fields: Record<string, unknown>) => void} [write]
 */
export function reportCacheFailure(
  kind,
  error,
  write = (fields) => log.warn('cache_failure', fields),
  now = Date.now(),
) {
  const seen = state().get(kind);
  if (seen && now - seen.loggedAt < WINDOW_MS) {
    seen.suppressed += 1;
    return;
  }
  state().set(kind, { loggedAt: now, suppressed: 0 });
  metrics.cacheFailures().inc({ kind });
  write({
    kind,
    message: error instanceof Error ? error.message : String(error),
    ...(seen?.suppressed ? { suppressedSinceLastLine: seen.suppressed } : {}),
  });
}

/** For tests: forget what was logged. */
export function resetCacheFailureLog() {
  state().clear();
}
