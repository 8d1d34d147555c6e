import { isExpired, sharedStore } from './shared-cache/store.mjs';

/**
 * The proxy's route checks (does this article exist, how was it made, where did its old slug go),
 * remembered in the shared store. Next's data cache does not work inside the proxy, so without
 * this every article or listing request would query the database. Each answer carries the cache
 * tags it depends on and the time it was loaded; a tag expired after that time (by a write on any
 * instance, see lib/revalidate.ts) makes it a miss at once. The TTL only bounds what a change made
 * outside Kiji (by hand in the database) can leave behind.
 */
export const ROUTE_MEMO_TTL_MS = Number(process.env.KIJI_ROUTE_MEMO_TTL_MS ?? 60_000);

export async function memoized<T>(key: string, tags: string[], load: () => Promise<T>): Promise<T> {
  const store = sharedStore();
  const hit = await store.getMemo(key).catch(() => null);
  if (hit && !isExpired(await store.tagExpiries(hit.tags).catch(() => [Date.now()]), hit.loadedAt)) return hit.value as T;
  const loadedAt = Date.now();
  const value = await load();
  await store.setMemo(key, { value, tags, loadedAt }, ROUTE_MEMO_TTL_MS).catch(() => {});
  return value;
}

/** The last answer remembered for a key, however old: what the proxy can still say while the database is down. */
export async function remembered<T>(key: string): Promise<{ value: T } | null> {
  const hit = await sharedStore().getMemo(key).catch(() => null);
  return hit ? { value: hit.value as T } : null;
}
