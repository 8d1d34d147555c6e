import { readFileSync } from 'node:fs';
import type { MemoKey } from './keys';
import { readMemo } from './shared-memo';
import { parsePublicRoute } from '../routes/public-routes';
import { encodedBodies, type EncodedBodies } from './content-coding';
import { runtime } from '../platform/runtime.mjs';
import { BASE_HEADER_VALUES, SCRIPT_FREE_CSP } from '../platform/security-headers';
import { withoutScripts } from '../routes/script-free-document';
import { NEXT_PAGE_VARY } from './next-format.mjs';

/** What Next sends its not-found page with: never stored by anyone. */
export const NOT_FOUND_CACHE_CONTROL = 'private, no-cache, no-store, max-age=0, must-revalidate';

/**
 * What the fast path knows of 404s (lib/server/known-missing.ts asks, per route, with the table's checks). Bots ask for missing URLs all day; Next answers each
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

/** Whether the memo remembers, fresh, that its object is missing (`null` or `false`). */
export async function rememberedMissing(key: MemoKey): Promise<boolean> {
  const hit = await readMemo<unknown>(key, { freshness: 'fresh' });
  return hit !== null && (hit.value === null || hit.value === false);
}

/** Whether Next answered 404 for this path, which matches no route of this build. */
export function learnedMissing(pathname: string): boolean {
  return runtime().notFound.paths.has(pathname);
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

/**
 * The not-found page from the build's prerendered copy (`.next/server/app/_not-found.html`), made
 * script-free, with the headers Next sends it with: so that the first 404 of any route kind is the
 * site's page too. Next's own 404s replace it as they come (learnNotFound). No file (development):
 * nothing until Next sends one.
 */
export function primeNotFoundPage(file: string): void {
  let html: string;
  try {
    html = readFileSync(file, 'utf8');
  } catch {
    return;
  }
  const scriptFree = withoutScripts(html);
  if (scriptFree === null || runtime().notFound.page) return;
  runtime().notFound.page = {
    bodies: encodedBodies(Buffer.from(scriptFree, 'utf8')),
    headers: {
      ...BASE_HEADER_VALUES,
      'Cache-Control': NOT_FOUND_CACHE_CONTROL,
      'Content-Security-Policy': SCRIPT_FREE_CSP,
      'Content-Type': 'text/html; charset=utf-8',
      Vary: `${NEXT_PAGE_VARY}, Accept-Encoding`,
    },
  };
}
