import 'server-only';
import { unstable_cache } from 'next/cache';
import { memoKeys } from './keys';
import { readMemo } from './shared-memo';

/**
 * The data public pages read, cached under tags in two layers over the one shared store:
 * - `unstable_cache`, because that is how a page's ISR entry learns the tags of the data it
 *   rendered (its x-next-cache-tags), so that expiring `article:<slug>` also expires the page;
 * - the shared memo (lib/cache/shared-memo.ts), because Next's data cache does not work inside the proxy,
 *   and the proxy's existence check and the page it lets through should load an article once.
 */
/** A backstop only: writes expire by tag at once (docs/decisions/0004). */
export const DATA_TTL_SECONDS = 3600;

export function cached<Args extends unknown[], Result>(
  name: string,
  tagsFor: (args: NoInfer<Args>) => string[],
  load: (...args: Args) => Promise<Result>,
): (...args: Args) => Promise<Result> {
  return (...args: Args) => {
    // Outside a Next server (scripts, integration tests) every call reads the database.
    if (!process.env.NEXT_RUNTIME) return load(...args);
    const tags = tagsFor(args);
    const key = memoKeys.data(name, args);
    const shared = () =>
      readMemo(key, { freshness: 'fresh', tags, load: () => load(...args), ttlMs: DATA_TTL_SECONDS * 1000 });
    return unstable_cache(shared, [key], { tags, revalidate: DATA_TTL_SECONDS })();
  };
}

/**
 * Loads a `cached` read with no arguments into the shared memo ahead of any request (a site-wide
 * read that every page of a kind needs, at start), so the first page view finds it there.
 */
export async function warmCached<Result>(name: string, tags: string[], load: () => Promise<Result>): Promise<void> {
  await readMemo(memoKeys.data(name, []), { freshness: 'fresh', tags, load, ttlMs: DATA_TTL_SECONDS * 1000 });
}

/**
 * A read whose answer may be a little old, for what a page shows beside its own content (the
 * related articles next to an article): kept in the shared memo for at most `maxAgeSeconds`, and
 * expired at once by its own tags. It adds no tags to the page that renders it (no unstable_cache,
 * which would also serve a stale answer while it refreshes), so a write that changes only this
 * list does not expire the page: the page's own revalidate time bounds how long it shows it.
 */
export function cachedBriefly<Args extends unknown[], Result>(
  name: string,
  tagsFor: (args: NoInfer<Args>) => string[],
  maxAgeSeconds: number,
  load: (...args: Args) => Promise<Result>,
): (...args: Args) => Promise<Result> {
  return (...args: Args) => {
    if (!process.env.NEXT_RUNTIME) return load(...args);
    return readMemo(memoKeys.data(name, args), {
      freshness: 'fresh',
      tags: tagsFor(args),
      load: () => load(...args),
      ttlMs: maxAgeSeconds * 1000,
    });
  };
}
