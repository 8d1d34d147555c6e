// @ts-check
// Next's incremental cache (ISR pages, route handlers, unstable_cache data) kept in Kiji's shared
// store: Redis when REDIS_URL is set, so every instance serves and expires the same entries; else
// this process's memory. See docs/decisions/0008-shared-cache-and-many-instances.md.
import { metrics } from '../platform/metrics.mjs';
import { reportCacheFailure } from './failures.mjs';
import { entryTags, isExpired } from './next-format.mjs';
import { sharedStore } from './store.mjs';

/** @typedef {import('./store-types').SharedStore} SharedStore */
/** @typedef {{ kind?: string; tags?: string[]; softTags?: string[]; fetchCache?: boolean; cacheControl?: unknown; [key: string]: unknown }} HandlerContext */

/**
 * An entry is stored as if written this long before it was. A render that read its data just
 * before an editor's write, and finished just after it, would otherwise be stored as newer than
 * the write and serve the old text until the next write. Backdating makes a tag expired inside
 * the window expire the entry too; the price is that pages touched by a write are rendered again
 * for this long after it (Next renders one at a time per page, so a burst does not multiply it).
 */
const RACE_WINDOW_MS = 3_000;

/**
 * How far back every stored entry is dated: KIJI_CACHE_RACE_WINDOW_MS, declared and validated at
 * start in lib/platform/config.ts (this module is loaded outside the TypeScript bundle).
 */
export function cacheRaceWindowMs() {
  return Number(process.env.KIJI_CACHE_RACE_WINDOW_MS || RACE_WINDOW_MS);
}

export default class KijiCacheHandler {
  constructor() {
    /** @type {SharedStore} */
    this.store = sharedStore();
    this.raceWindowMs = cacheRaceWindowMs();
  }

  /**
   * @param {string} key
   * @param {HandlerContext} [ctx]
   */
  async get(key, ctx) {
    let record;
    try {
      record = await this.store.getEntry(key);
    } catch (error) {
      // A cache that cannot answer is a miss: Next renders, and the reader still gets a page.
      reportCacheFailure('entry-read', error);
      return null;
    }
    if (!record) {
      metrics.cacheLookups().inc({ layer: 'next', result: 'miss' });
      return null;
    }
    const tags = [...record.tags, ...(ctx?.tags ?? []), ...(ctx?.softTags ?? [])];
    try {
      if (isExpired(await this.store.tagExpiries(tags), record.lastModified)) {
        metrics.cacheLookups().inc({ layer: 'next', result: 'miss' });
        return null;
      }
    } catch (error) {
      reportCacheFailure('tag-read', error);
      return null;
    }
    metrics.cacheLookups().inc({ layer: 'next', result: 'hit' });
    return { lastModified: record.lastModified, value: record.value, cacheControl: record.cacheControl };
  }

  /**
   * @param {string} key
   * @param {unknown} data
   * @param {HandlerContext} [ctx]
   */
  async set(key, data, ctx) {
    const record = {
      lastModified: Date.now() - this.raceWindowMs,
      value: data,
      cacheControl: ctx?.fetchCache ? undefined : ctx?.cacheControl,
      tags: entryTags(data, ctx?.tags),
    };
    try {
      await this.store.setEntry(key, record);
    } catch (error) {
      // Not kept; the next request renders again.
      reportCacheFailure('entry-write', error);
    }
  }

  /**
   * Kiji expires tags at once (`{ expire: 0 }`). A later expiry (stale-while-revalidate) is kept
   * as given, and until it comes the entry is served as it is.
   * @param {string | string[]} tags
   * @param {{ expire?: number }} [durations]
   */
  async revalidateTag(tags, durations) {
    const list = typeof tags === 'string' ? [tags] : tags;
    const at = Date.now() + (durations?.expire ?? 0) * 1000;
    // Kiji's writers expire the store themselves before Next calls this (lib/cache/expire.ts) and
    // report what could not be done; a second failure here is only logged.
    await this.store.expireTags(list, at).catch((error) => reportCacheFailure('tag-expire', error));
  }

  resetRequestCache() {}
}
