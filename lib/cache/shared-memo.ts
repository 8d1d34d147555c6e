import { config } from '../platform/config';
import { metrics } from '../platform/metrics.mjs';
import { reportCacheFailure } from './failures.mjs';
import type { MemoKey } from './keys';
import type { MemoRecord } from './store-types';
import { isExpired } from './next-format.mjs';
import { sharedStore } from './store.mjs';
import { runtime } from '../platform/runtime.mjs';

/**
 * Answers remembered in the shared store (memory, or Redis with REDIS_URL): the proxy's route
 * checks and the data every public page reads (lib/cache/data-cache.ts). Next's own data cache does not
 * work inside the proxy, and this one does, so the proxy and the page it lets through read the
 * same entry: a page view costs its queries once, not once per reader of the data.
 *
 * Each answer carries the cache tags it depends on and the time it was loaded; a tag expired
 * after that time (by a write on any instance, lib/cache/expire.ts) makes it a miss at once. The TTL
 * only bounds what a change made outside Kiji (by hand in the database) can leave behind.
 * Concurrent asks for the same key in one process share one load.
 */

/**
 * How old an answer may be:
 * - `fresh`: none of its tags has expired since it was loaded (every read while the database is up);
 * - `last-known`: however old, as long as the store still holds it (what the proxy can still say
 *   while the database is down).
 */
export type Freshness = 'fresh' | 'last-known';

type Loader<T> = {
  /** What a miss loads, and the tags whose expiry makes the stored answer stale. */
  load: () => Promise<T>;
  tags: string[];
  /** A backstop only: writes expire answers by tag at once. */
  ttlMs?: number;
};

/**
 * The one way to read the shared memo. Without a loader it only looks: the answer, or null. With
 * one it reads through: a fresh answer, or the loaded one, stored for the next reader; concurrent
 * reads of one key in this process share one load. A store that fails is a miss, and is logged.
 */
export async function readMemo<T>(key: MemoKey, options: { freshness: Freshness }): Promise<{ value: T } | null>;
export async function readMemo<T>(key: MemoKey, options: { freshness: 'fresh' } & Loader<T>): Promise<T>;
export async function readMemo<T>(
  key: MemoKey,
  options: { freshness: Freshness } & Partial<Loader<T>>,
): Promise<T | { value: T } | null> {
  const { load, tags = [], ttlMs = config().KIJI_ROUTE_MEMO_TTL_MS } = options;
  if (!load) return lookUp<T>(key, options.freshness);
  const inFlight = runtime().memoInFlight;
  const running = inFlight.get(key);
  // Concurrent reads of one key ask with one loader, so the record holds their T.
  if (running) return (await running).value as T;
  const work = (async (): Promise<MemoRecord> => {
    const hit = await lookUpRecord(key, 'fresh');
    metrics.cacheLookups().inc({ layer: 'memo', result: hit ? 'hit' : 'miss' });
    if (hit) return hit;
    // Taken before the load: a tag expired while it runs makes the answer stale.
    const loadedAt = Date.now();
    const record = { value: await load(), tags, loadedAt };
    await sharedStore()
      .setMemo(key, record, ttlMs)
      .catch((error: unknown) => reportCacheFailure('memo-write', error));
    return record;
  })();
  inFlight.set(key, work);
  try {
    return (await work).value as T;
  } finally {
    inFlight.delete(key);
  }
}

async function lookUp<T>(key: MemoKey, freshness: Freshness): Promise<{ value: T } | null> {
  const hit = await lookUpRecord(key, freshness);
  return hit ? { value: hit.value as T } : null;
}

async function lookUpRecord(key: MemoKey, freshness: Freshness): Promise<MemoRecord | null> {
  const store = sharedStore();
  const hit = await store.getMemo(key).catch((error: unknown) => {
    reportCacheFailure('memo-read', error);
    return null;
  });
  if (!hit) return null;
  if (freshness === 'fresh') {
    const expiries = await store.tagExpiries(hit.tags).catch((error: unknown) => {
      reportCacheFailure('tag-read', error);
      // Unknown is treated as expired: the answer is loaded again.
      return [Date.now()];
    });
    if (isExpired(expiries, hit.loadedAt)) return null;
  }
  return hit;
}
