// Next's incremental cache (ISR pages, route handlers, unstable_cache data) kept in Kiji's shared
// store: Redis when REDIS_URL is set, so every instance serves and expires the same entries; else
// this process's memory. See docs/decisions/0008-shared-cache-and-many-instances.md.
import { entryTags, isExpired, sharedStore } from './store.mjs';

export default class KijiCacheHandler {
  constructor() {
    this.store = sharedStore();
  }

  async get(key, ctx) {
    let record;
    try {
      record = await this.store.getEntry(key);
    } catch {
      // A cache that cannot answer is a miss: Next renders, and the reader still gets a page.
      return null;
    }
    if (!record) return null;
    const tags = [...record.tags, ...(ctx?.tags ?? []), ...(ctx?.softTags ?? [])];
    try {
      if (isExpired(await this.store.tagExpiries(tags), record.lastModified)) return null;
    } catch {
      return null;
    }
    return { lastModified: record.lastModified, value: record.value, cacheControl: record.cacheControl };
  }

  async set(key, data, ctx) {
    const record = {
      lastModified: Date.now(),
      value: data,
      cacheControl: ctx?.fetchCache ? undefined : ctx?.cacheControl,
      tags: entryTags(data, ctx?.tags),
    };
    try {
      await this.store.setEntry(key, record);
    } catch {
      // Not kept; the next request renders again.
    }
  }

  /**
   * Kiji expires tags at once (`{ expire: 0 }`). A later expiry (stale-while-revalidate) is kept
   * as given, and until it comes the entry is served as it is.
   */
  async revalidateTag(tags, durations) {
    const list = typeof tags === 'string' ? [tags] : tags;
    const at = Date.now() + (durations?.expire ?? 0) * 1000;
    await this.store.expireTags(list, at);
  }

  resetRequestCache() {}
}
