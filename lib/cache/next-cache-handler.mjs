// @ts-check
// Next's incremental cache (ISR pages, route handlers, unstable_cache data) kept in Kiji's shared
// store: Redis when REDIS_URL is set, so every instance serves and expires the same entries; else
// this process's memory. See docs/decisions/0008-shared-cache-and-many-instances.md.
import { metrics } from '../platform/metrics.mjs';
import { reportCacheFailure } from './failures.mjs';
import { nextIncrementalCache, runtime } from '../platform/runtime.mjs';
import { entryTags, forNext, forStore, isExpired, pathnameOfKey } from './next-format.mjs';
import { sharedStore } from './store.mjs';
import { skipUnusedSizeCheck } from './size-check.mjs';
import { log } from '../platform/logger.mjs';

/** @typedef {import('./store-types').SharedStore} SharedStore */
/** @typedef {{ kind?: string; tags?: string[]; softTags?: string[]; fetchCache?: boolean; cacheControl?: unknown; [key: string]: unknown }} HandlerContext */

/**
 * An entry is dated by when its render began: a render that read its data just before an editor's
 * write and finished just after it must not be stored as newer than the write, or it would serve
 * the old text until the next write. Next asks the handler for a page (or a piece of data) before
 * it renders it, so the miss is when the render began; the entry is dated then, less a margin for
 * the clocks of other instances (the write's expiry is dated by the instance that made it), and a
 * tag expired after that hides it. A render that began after the write is kept at once: a page
 * touched by a write is rendered once, not again and again for seconds after it (docs/decisions/0042).
 * An entry stored with no miss seen before it is dated RACE_WINDOW_MS back, as every entry was.
 */
const RACE_WINDOW_MS = 3_000;
/** How far the clocks of two instances may disagree. */
const CLOCK_MARGIN_MS = 50;
/** A render takes less than this: an older miss is not the start of the render being stored. */
const RENDER_AT_MOST_MS = 30_000;
const MISSES_KEPT = 10_000;

/**
 * How far back an entry is dated when no miss was seen before it: KIJI_CACHE_RACE_WINDOW_MS,
 * declared and validated at start in lib/platform/config.ts (this module is loaded outside the
 * TypeScript bundle).
 */
export function cacheRaceWindowMs() {
  return Number(process.env.KIJI_CACHE_RACE_WINDOW_MS || RACE_WINDOW_MS);
}

/**
 * When each key last missed (the render that will store it began after that), until it is stored,
 * with the latest expiry that miss saw: that write had committed before the render began.
 * @type {Map<string, { at: number; sawExpiry: number }>}
 */
const missedAt = new Map();

/**
 * @param {string} key
 * @param {number} [sawExpiry] the latest expiry of the stored entry's tags, when that is why it missed
 */
function noteMiss(key, sawExpiry = 0) {
  const now = Date.now();
  const seen = missedAt.get(key);
  // The earliest miss of a render under way is kept: its start is the one that matters.
  if (seen !== undefined && now - seen.at <= RENDER_AT_MOST_MS) return;
  missedAt.delete(key);
  missedAt.set(key, { at: now, sawExpiry });
  if (missedAt.size > MISSES_KEPT) missedAt.delete(/** @type {string} */ (missedAt.keys().next().value));
}

/**
 * The latest expiry in the past among an entry's tags' expiries.
 * @param {(number | undefined)[]} expiries
 */
const latestPast = (expiries, now = Date.now()) =>
  Math.max(0, ...expiries.filter((at) => typeof at === 'number' && at <= now).map(Number));

/**
 * Next's cache of the request under way (the latest it made, `nextIncrementalCache()`)
 * loses its unused size check on the first call that sees it (lib/cache/size-check.mjs); the
 * outcome is logged once, so a Next that changed shows in the log.
 */
function withoutUnusedSizeCheck() {
  const outcome = skipUnusedSizeCheck(nextIncrementalCache());
  if (outcome === 'wrapped' || outcome === 'left') log.info('cache_size_check', { outcome });
}

export default class KijiCacheHandler {
  constructor() {
    /** @type {SharedStore} */
    this.store = sharedStore();
    this.raceWindowMs = cacheRaceWindowMs();
    // One instance's own memory is expired by its own clock: there is no other clock to allow for.
    this.clockMarginMs = process.env.REDIS_URL ? CLOCK_MARGIN_MS : 0;
  }

  /**
   * When an entry stored now is dated: when the render that made it began (its miss), else the
   * race window back.
   * @param {string} key
   */
  datedAt(key) {
    const now = Date.now();
    const miss = missedAt.get(key);
    missedAt.delete(key);
    if (miss === undefined || now - miss.at > RENDER_AT_MOST_MS) return now - this.raceWindowMs;
    // Not before the expiry the miss saw: that write committed before the render began, so the
    // first render after a write is kept even when it begins within the clocks' margin of it.
    return Math.max(miss.at - this.clockMarginMs, miss.sawExpiry);
  }

  /**
   * @param {string} key
   * @param {HandlerContext} [ctx]
   */
  async get(key, ctx) {
    withoutUnusedSizeCheck();
    let record;
    try {
      record = await this.store.getEntry(key);
    } catch (error) {
      // A cache that cannot answer is a miss: Next renders, and the reader still gets a page.
      reportCacheFailure('entry-read', error);
      noteMiss(key);
      return null;
    }
    if (!record) {
      metrics.cacheLookups().inc({ layer: 'next', result: 'miss' });
      noteMiss(key);
      return null;
    }
    const tags = [...record.tags, ...(ctx?.tags ?? []), ...(ctx?.softTags ?? [])];
    try {
      const expiries = await this.store.tagExpiries(tags);
      if (isExpired(expiries, record.lastModified)) {
        metrics.cacheLookups().inc({ layer: 'next', result: 'miss' });
        noteMiss(key, latestPast(expiries));
        return null;
      }
    } catch (error) {
      reportCacheFailure('tag-read', error);
      noteMiss(key);
      return null;
    }
    metrics.cacheLookups().inc({ layer: 'next', result: 'hit' });
    return { lastModified: record.lastModified, value: forNext(record.value), cacheControl: record.cacheControl };
  }

  /**
   * @param {string} key
   * @param {unknown} data
   * @param {HandlerContext} [ctx]
   */
  async set(key, data, ctx) {
    const record = {
      lastModified: this.datedAt(key),
      value: forStore(data, pathnameOfKey(key), runtime().pageDocument),
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
