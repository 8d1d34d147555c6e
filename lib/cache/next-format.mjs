// @ts-check
// Everything Kiji knows about Next's private cache format, in one place: the key layout of its
// incremental cache, the shape of an App Router page entry, how its tags travel and when Next
// counts one expired, and the Vary header it sends with a page. Plain JavaScript because the cache
// handler (./next-cache-handler.mjs) is loaded by Next outside the TypeScript bundle.
//
// Pinned to Next 16.4 by e2e/cache-paths.spec.ts, which renders real pages through Next and
// requires the fast path (lib/server/cached-document.ts) to serve the entries Next stored: an
// upgrade that changes any of this fails that test instead of silently turning the fast path off.

/** The Vary header Next sends with an App Router page (and which the fast path repeats). */
export const NEXT_PAGE_VARY = 'rsc, next-router-state-tree, next-router-prefetch, next-router-segment-prefetch';

/**
 * `/route-cache/app-page/<hash>/$/articles/a` → `/articles/a`; the home page is `/index`.
 * @param {string} key
 * @returns {string | null}
 */
export function pathnameOfKey(key) {
  const marker = key.indexOf('/$/');
  return key.startsWith('/route-cache/') && marker !== -1 ? key.slice(marker + 2) : null;
}

/**
 * A request path as Next names its page entry: decoded (a tag page's entry is
 * `/tag/速報/page/1`, though its URL says `%E9%80%9F%E5%A0%B1`), without a trailing slash.
 * @param {string} pathname
 */
export function pagePathname(pathname) {
  let decoded = pathname;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    // Not valid percent-encoding: no page is stored under it.
  }
  const trimmed = decoded.replace(/\/+$/, '');
  return trimmed === '' ? '/index' : trimmed;
}

/**
 * Next's rule (tags-manifest.external.js): expired once the expiry has come and is newer than the entry.
 * @param {(number | undefined)[]} expiries
 * @param {number} since
 */
export function isExpired(expiries, since, now = Date.now()) {
  return expiries.some((expiredAt) => typeof expiredAt === 'number' && expiredAt <= now && expiredAt > since);
}

/**
 * The tags an entry depends on: a page's from its x-next-cache-tags header, data's from the set() call.
 * @param {any} value
 * @param {string[]} [ctxTags]
 * @returns {string[]}
 */
export function entryTags(value, ctxTags = []) {
  const header = value?.headers?.['x-next-cache-tags'];
  const fromHeader = typeof header === 'string' && header.length > 0 ? header.split(',') : [];
  const fromValue = Array.isArray(value?.tags) ? value.tags : [];
  return [...new Set([...fromHeader, ...fromValue, ...ctxTags])];
}

/**
 * Roughly what an entry costs in memory, from the parts of Next's entry that hold bytes.
 * @param {{ value?: any }} record
 */
export function approximateBytes(record) {
  const value = record.value;
  if (!value) return 256;
  let bytes = 512;
  if (typeof value.html === 'string') bytes += value.html.length * 2;
  else if (Buffer.isBuffer(value.html)) bytes += value.html.length;
  if (value.rscData) bytes += value.rscData.length;
  if (value.body) bytes += value.body.length;
  if (value.segmentData instanceof Map) for (const segment of value.segmentData.values()) bytes += segment.length;
  if (value.data) bytes += dataBytes(value.data);
  return bytes;
}

/**
 * Roughly what a data-cache value holds, walked rather than serialised: JSON.stringify turned every
 * Buffer in it into an array of numbers (Buffer.toJSON), which showed in the profile of uncached
 * renders (issue #29). Strings count two bytes a character, binary its length, and containers a
 * little each; the walk stops after MAX_VISITS values, counting the rest as unknown.
 * @param {unknown} root
 */
function dataBytes(root) {
  const MAX_VISITS = 10_000;
  let bytes = 0;
  let visits = 0;
  const pending = [root];
  while (pending.length > 0 && visits++ < MAX_VISITS) {
    const value = pending.pop();
    if (typeof value === 'string') bytes += value.length * 2;
    else if (ArrayBuffer.isView(value)) bytes += value.byteLength;
    else if (value instanceof ArrayBuffer) bytes += value.byteLength;
    else if (value instanceof Map) {
      bytes += 64;
      for (const [key, entry] of value) pending.push(key, entry);
    } else if (Array.isArray(value)) {
      bytes += 16 + value.length * 8;
      for (const entry of value) pending.push(entry);
    } else if (value !== null && typeof value === 'object') {
      bytes += 32;
      for (const key in value) {
        bytes += key.length * 2 + 8;
        pending.push(/** @type {Record<string, unknown>} */ (value)[key]);
      }
    } else bytes += 8;
  }
  return bytes;
}

/**
 * A rendered response (a page or a route handler's output) that answered without error: what may
 * be served from the cache while the database is down.
 * @param {any} record
 */
export function isRenderedResponse(record) {
  return ['APP_PAGE', 'APP_ROUTE'].includes(record?.value?.kind) && (record.value.status ?? 200) < 400;
}

/**
 * An entry as Kiji's store keeps it. A page's HTML is kept as the server sends it (`document`: a
 * public page without the scripts Next writes into it, given by the server, lib/server/cached-document.ts)
 * and as UTF-8 bytes, outside V8's heap; a data entry's JSON (`data.body`) as bytes too. Kept as
 * Next made them, 307 pages were 35 MB of strings in a 156 MB live heap with a 192 MB limit: the
 * garbage collector ran ever more often as the store filled, and an uncached render cost 23 ms of
 * server CPU on a fresh server and 36 ms after 10,000 renders (docs/decisions/0044). Next gets
 * strings back (`forNext`); the RSC payload and segments it keeps for client navigation stay as
 * they are (they were bytes already).
 * @param {any} value
 * @param {string | null} pathname the page's path, from its key
 * @param {((pathname: string, html: string) => string) | undefined} document
 */
export function forStore(value, pathname = null, document = undefined) {
  if (value?.kind === 'APP_PAGE' && typeof value.html === 'string') {
    const html = pathname && document ? document(pathname, value.html) : value.html;
    return { ...value, html: Buffer.from(html, 'utf8') };
  }
  if (value?.kind === 'FETCH' && typeof value.data?.body === 'string') {
    return { ...value, data: { ...value.data, body: Buffer.from(value.data.body, 'utf8') } };
  }
  return value;
}

/**
 * An entry's value as Next reads it: the text `forStore` kept as bytes, as strings again. A new
 * object each time; the stored one is never changed.
 * @param {any} value
 */
export function forNext(value) {
  if (value?.kind === 'APP_PAGE' && Buffer.isBuffer(value.html)) {
    return { ...value, html: value.html.toString('utf8') };
  }
  if (value?.kind === 'FETCH' && Buffer.isBuffer(value.data?.body)) {
    return { ...value, data: { ...value.data, body: value.data.body.toString('utf8') } };
  }
  return value;
}

/**
 * The HTML of an App Router page entry that Next itself would serve as fresh: rendered with status
 * 200, and within its revalidate time (past it, Next serves it stale and renders again, which stays
 * Next's job), as the store keeps it (bytes, or a string for an entry stored by other means). Null
 * for anything else.
 * @param {any} record
 * @returns {string | Buffer | null}
 */
export function servablePageHtml(record, now = Date.now()) {
  const value = record?.value;
  const html = value?.html;
  if (value?.kind !== 'APP_PAGE' || !(typeof html === 'string' || Buffer.isBuffer(html))) return null;
  if ((value.status ?? 200) !== 200) return null;
  const revalidate = record.cacheControl?.revalidate;
  if (typeof revalidate !== 'number' || record.lastModified + revalidate * 1000 <= now) return null;
  return value.html;
}
