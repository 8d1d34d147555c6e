import { config } from '../platform/config';
import { isExpired, sharedStore } from './store.mjs';

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

const holder = globalThis as typeof globalThis & { kijiMemoInFlight?: Map<string, Promise<unknown>> };
const inFlight = (holder.kijiMemoInFlight ??= new Map());

export async function memoized<T>(
  key: string,
  tags: string[],
  load: () => Promise<T>,
  ttlMs = config().KIJI_ROUTE_MEMO_TTL_MS,
): Promise<T> {
  const running = inFlight.get(key);
  if (running) return running as Promise<T>;
  const work = (async () => {
    const hit = await freshMemo<T>(key);
    if (hit) return hit.value;
    const loadedAt = Date.now();
    const value = await load();
    await sharedStore()
      .setMemo(key, { value, tags, loadedAt }, ttlMs)
      .catch(() => {});
    return value;
  })();
  inFlight.set(key, work);
  try {
    return await work;
  } finally {
    inFlight.delete(key);
  }
}

/** The answer remembered for a key, when none of its tags has expired since it was loaded. */
export async function freshMemo<T>(key: string): Promise<{ value: T } | null> {
  const store = sharedStore();
  const hit = await store.getMemo(key).catch(() => null);
  if (!hit || isExpired(await store.tagExpiries(hit.tags).catch(() => [Date.now()]), hit.loadedAt)) return null;
  return { value: hit.value as T };
}

/** The last answer remembered for a key, however old: what the proxy can still say while the database is down. */
export async function remembered<T>(key: string): Promise<{ value: T } | null> {
  const hit = await sharedStore()
    .getMemo(key)
    .catch(() => null);
  return hit ? { value: hit.value as T } : null;
}
