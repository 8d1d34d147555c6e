import { memoKeys, type MemoKey } from './keys';
import { readMemo } from './shared-memo';
import { parsePublicRoute, parseRequestUrl, type RequestedRoute } from '../routes/public-routes';
import { encodedBodies, type EncodedBodies } from './content-coding';
import { runtime } from '../platform/runtime.mjs';

/**
 * 404s from the fast path (scripts/serve.ts). Bots ask for missing URLs all day; Next answers each
 * through the proxy and its router at a tenth of a cached page's rate. Kiji's server answers one
 * itself when it already knows the answer, with the not-found page Next last sent:
 * - a path no route can match (an invalid slug, `/articles/x/y`);
 * - a path Next itself answered 404 for with no route of its own (`/wp-login.php`): this build's
 *   routes do not change while the process runs;
 * - an article or listing whose existence check the proxy remembered, fresh, as missing (and, for
 *   an article, with no redirect): a write that could create it expires that memo first.
 * Anything else goes to Next, which decides, and teaches this module for next time.
 */
const MAX_REMEMBERED_PATHS = 10_000;

async function rememberedMissing(key: MemoKey): Promise<boolean> {
  const hit = await readMemo<unknown>(key, { freshness: 'fresh' });
  return hit !== null && (hit.value === null || hit.value === false);
}

/** `requested` is a URL, or the server's parse of it (lib/routes/public-routes.ts). */
export async function isKnownMissing(requested: string | RequestedRoute): Promise<boolean> {
  const { pathname, route } = typeof requested === 'string' ? parseRequestUrl(requested) : requested;
  switch (route.kind) {
    case 'invalid':
      return true;
    case 'other':
      return runtime().notFound.paths.has(pathname);
    case 'article':
      return (
        (await rememberedMissing(memoKeys.disclosure(route.slug))) &&
        (await rememberedMissing(memoKeys.redirect(route.slug)))
      );
    case 'category':
      return rememberedMissing(memoKeys.categoryPage(route.slug, route.page));
    case 'tag':
      return rememberedMissing(memoKeys.tagPage(route.slug, route.page));
    case 'archive':
      return rememberedMissing(memoKeys.archivePage(route.year, route.month, route.page));
    default:
      return false;
  }
}

/** The not-found page as the fast path sends it: the body (and its compressed copies) and headers. */
export type KnownNotFoundPage = { bodies: EncodedBodies; headers: Record<string, string> };

/** The not-found page Next rendered, kept to answer known-missing paths; null until Next sent one. */
export function notFoundPage(): KnownNotFoundPage | null {
  return runtime().notFound.page;
}

/** What Next's 404 for a request teaches: its page, and whether the path matches no route at all. */
export function learnNotFound(url: string, page: { body: Buffer; headers: Record<string, string> }): void {
  const state = runtime().notFound;
  // Sent in the coding the reader accepts (lib/cache/content-coding.ts), so it varies by it.
  const vary = [page.headers.vary, 'Accept-Encoding'].filter(Boolean).join(', ');
  state.page = { bodies: encodedBodies(page.body), headers: { ...page.headers, vary } };
  const { pathname, searchParams } = new URL(url, 'http://kiji.invalid');
  if (parsePublicRoute(pathname, searchParams).kind !== 'other') return;
  if (state.paths.size >= MAX_REMEMBERED_PATHS) state.paths.delete(state.paths.values().next().value!);
  state.paths.add(pathname);
}
