import { learnedMissing, rememberedMissing } from '../cache/known-missing';
import { parseRequestUrl, type RequestedRoute } from '../routes/public-routes';
import { memosOf } from './route-memos';

/**
 * Whether Kiji's server already knows a request's answer is 404, so it can send the not-found page
 * itself (lib/cache/known-missing.ts) instead of waking Next:
 * - a path under a route's prefix that no entry accepts (`invalid`: a bad slug, `/articles/x/y`);
 * - a path Next itself answered 404 for with no route of its own (`/wp-login.php`): this build's
 *   routes do not change while the process runs;
 * - a checked route whose check's memos (lib/server/route-memos.ts) all remember it missing,
 *   fresh: a write that could create it expires those memos first.
 * Anything else goes to Next, which decides, and teaches the cache module for next time.
 * `requested` is a URL, or the server's parse of it (lib/routes/public-routes.ts).
 */
export async function isKnownMissing(requested: string | RequestedRoute): Promise<boolean> {
  const { pathname, route } = typeof requested === 'string' ? parseRequestUrl(requested) : requested;
  if (route.kind === 'invalid') return true;
  if (route.kind === 'other') return learnedMissing(pathname);
  const memos = memosOf(route);
  if (memos.length === 0) return false;
  for (const memo of memos) if (!(await rememberedMissing(memo))) return false;
  return true;
}
