// @ts-check
/**
 * Next's `IncrementalCache.set` measures every entry with `JSON.stringify(data).length` before it
 * hands it to the cache handler, to refuse data-cache entries over 2 MB. The figure is used only
 * for a data-cache entry, and not even then when a custom cache handler is configured (Kiji's
 * is): for a page it is computed and thrown away. A page's data holds its RSC payload as a Buffer,
 * which `JSON.stringify` writes out as an array of numbers: ~215,000 characters for an article
 * page, 7% of an uncached render's server CPU in a profile at 100k articles, and its garbage
 * (docs/decisions/0045, issue #29).
 *
 * Next offers no option to skip it, so Kiji wraps the method: for anything but a data-cache entry
 * the data gets, for the length of the call, a `toJSON` that removes itself the first time it is
 * called, which is the size check, so that stringifying yields `0`. Any later stringify (the
 * Redis store's, say) sees the data as it is. The wrapper is installed only on a `set` that holds
 * exactly one `JSON.stringify`, so a Next that measures differently is left as it is
 * (lib/cache/size-check.test.ts runs this against the installed Next's own class).
 */

const WRAPPED = Symbol.for('kiji.cache.sizeCheckSkipped');

/** @this {Record<string, unknown>} */
function measuredAsNothing() {
  delete this.toJSON;
  return 0;
}

/**
 * Wraps `set` on the class of Next's incremental cache (an instance of it: Next keeps the latest in
 * `globalThis.__incrementalCache`), once per class.
 * @param {unknown} cache
 * @returns {'wrapped' | 'already' | 'left' | 'absent'} what was done: `left` (said once per class)
 *   when it has no such method, or one that does not measure with exactly one `JSON.stringify`;
 *   `absent` when there is no cache yet
 */
export function skipUnusedSizeCheck(cache) {
  if (!cache || typeof cache !== 'object') return 'absent';
  /** @type {Record<string | symbol, unknown>} */
  const prototype = Object.getPrototypeOf(cache);
  if (!prototype) return 'absent';
  if (Object.hasOwn(prototype, WRAPPED)) return 'already';
  const original = /** @type {unknown} */ (prototype.set);
  if (typeof original !== 'function' || String(original).split('JSON.stringify(').length !== 2) {
    Object.defineProperty(prototype, WRAPPED, { value: false });
    return 'left';
  }
  const call = /** @type {(this: unknown, key: string, data: unknown, ctx: unknown) => Promise<unknown>} */ (original);
  /**
   * @this {unknown}
   * @param {string} key
   * @param {unknown} data
   * @param {{ fetchCache?: boolean } | undefined} ctx
   */
  async function set(key, data, ctx) {
    if (ctx?.fetchCache || !data || typeof data !== 'object' || Object.hasOwn(data, 'toJSON')) {
      return call.call(this, key, data, ctx);
    }
    Object.defineProperty(data, 'toJSON', { value: measuredAsNothing, configurable: true, writable: true });
    try {
      return await call.call(this, key, data, ctx);
    } finally {
      // Gone already when the size check ran; here for a call that returned before it.
      delete (/** @type {Record<string, unknown>} */ (data).toJSON);
    }
  }
  Object.defineProperty(prototype, 'set', { value: set, configurable: true, writable: true });
  Object.defineProperty(prototype, WRAPPED, { value: true });
  return 'wrapped';
}
