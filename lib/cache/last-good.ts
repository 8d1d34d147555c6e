import type { EncodedBodies } from './content-coding';
import { runtime } from '../platform/runtime.mjs';
import { routes } from '../routes/registry';

/**
 * The last good copy of each public page this instance has sent (a 200, script-free), kept to
 * answer during a database outage whatever its freshness (stale-if-error, RFC 5861): a page a
 * recent write expired would otherwise be a 503 until the database returns. Kept in the instance's
 * own memory, so it serves when Redis is down too. Bounded by bytes, oldest first out.
 */
export type LastGoodPage = { bodies: EncodedBodies; headers: Readonly<Record<string, string>>; sentAt: number };

export const LAST_GOOD_MAX_BYTES = 16 * 1024 * 1024;

/** What the stale copy says about itself (RFC 9211's Cache-Status), and that nobody may keep it. */
export const STALE_HEADERS = {
  'cache-status': 'kiji; hit; fwd=stale; detail="database-unavailable"',
  'cache-control': 'no-store',
} as const;

/** Header names in lower case, so that STALE_HEADERS replaces a page's own rather than joining it. */
const lowerCased = (headers: Readonly<Record<string, string>>) =>
  Object.fromEntries(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]));

/** The query parameters a public page reads (listings' page, search's q, the contact form's error). */
const PAGE_PARAMETERS = ['page', 'q', 'error'];

/**
 * A page's copy is kept once whatever else its URL carries (utm_ tags, a bench's cache-busters):
 * the path and the parameters the page reads, in a fixed order. Keyed by the full URL, every
 * distinct query string took an entry and pushed a real page out (the bench's query-string row
 * lost a quarter of its rate to it).
 */
export function lastGoodKey(url: string): string {
  const queryAt = url.indexOf('?');
  if (queryAt === -1) return url;
  const search = new URLSearchParams(url.slice(queryAt + 1));
  const kept = PAGE_PARAMETERS.flatMap((name) => search.getAll(name).map((value) => [name, value]));
  const path = url.slice(0, queryAt);
  return kept.length === 0 ? path : `${path}?${new URLSearchParams(kept).toString()}`;
}

const keyOf = lastGoodKey;

export function rememberGoodPage(url: string, page: Omit<LastGoodPage, 'sentAt'>): void {
  const state = runtime().lastGood;
  const key = keyOf(url);
  const previous = state.pages.get(key);
  // The same render again (the fast path's hot pages): nothing to do on the hot path.
  if (previous?.bodies === page.bodies) return;
  if (previous) state.bytes -= previous.bodies.identity.length;
  state.pages.delete(key);
  state.pages.set(key, { ...page, headers: lowerCased(page.headers), sentAt: Date.now() });
  state.bytes += page.bodies.identity.length;
  for (const [oldest, entry] of state.pages) {
    if (state.bytes <= LAST_GOOD_MAX_BYTES) break;
    state.pages.delete(oldest);
    state.bytes -= entry.bodies.identity.length;
  }
}

export function lastGoodPage(url: string): LastGoodPage | null {
  return runtime().lastGood.pages.get(keyOf(url)) ?? null;
}

/** A character that may continue a slug: a link to `/articles/a` is not one to `/articles/a-b`. */
const SLUG_CHARACTER = /[A-Za-z0-9_-]/;

function linksTo(body: Buffer, href: string): boolean {
  const needle = Buffer.from(href, 'utf8');
  for (let at = body.indexOf(needle); at !== -1; at = body.indexOf(needle, at + 1)) {
    const after = body[at + needle.length];
    if (after === undefined || !SLUG_CHARACTER.test(String.fromCharCode(after))) return true;
  }
  return false;
}

/**
 * An article readers could see was withdrawn (unpublished, deleted, or moved to another slug: the
 * change feed names it, docs/decisions/0037): its last good copy, and that of every page that
 * links to it (the lists that showed it), are dropped, so that a database outage never brings it
 * back. Those pages answer 503 during an outage until they are sent again. Returns how many went.
 */
export function forgetWithdrawnPages(slugs: readonly string[]): number {
  if (slugs.length === 0) return 0;
  const state = runtime().lastGood;
  const hrefs = slugs.map((slug) => routes.article.href(slug));
  let forgotten = 0;
  for (const [key, page] of state.pages) {
    const pathname = key.split(/[?#]/, 1)[0]!.replace(/\/+$/, '');
    if (hrefs.includes(pathname) || hrefs.some((href) => linksTo(page.bodies.identity, href))) {
      state.pages.delete(key);
      state.bytes -= page.bodies.identity.length;
      forgotten += 1;
    }
  }
  return forgotten;
}

/**
 * Every last good copy is dropped: for an instance that may have missed a withdrawal (its change
 * feed was disconnected), as its caches are expired whole then.
 */
export function forgetAllGoodPages(): void {
  const state = runtime().lastGood;
  state.pages.clear();
  state.bytes = 0;
}
