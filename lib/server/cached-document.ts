import { createHash } from 'node:crypto';
import { aiDisclosureValue, type DisclosureKind } from '../articles/disclosure';
import { NEXT_PAGE_VARY, servablePageHtml } from '../cache/next-format.mjs';
import { freshPage } from '../cache/store.mjs';
import { memoKeys } from '../cache/keys';
import { readMemo } from '../cache/shared-memo';
import { entryOf, internalListingPath, parseRequestUrl, type RequestedRoute } from '../routes/public-routes';
import { BASE_HEADER_VALUES, PUBLIC_CACHE_CONTROL } from '../platform/security-headers';
import { scriptFreeCsp, withoutScripts } from '../routes/script-free-document';
import { areaOf, routes } from '../routes/registry';
import { runtime } from '../platform/runtime.mjs';
import { encodedBodies, type EncodedBodies } from '../cache/content-coding';

/**
 * The fast path of Kiji's server (scripts/serve.ts): a public page that the shared store holds
 * fresh is sent from there, script-free, without waking Next's router or the proxy. It serves
 * exactly what Next would serve from its cache, so it only answers when that is certain:
 * - its route is one the table lets the fast path serve (`fastPath`), rendered with status 200;
 * - none of its cache tags has expired since it was rendered, and its revalidate time has not
 *   passed (Next then serves it stale and re-renders: that stays Next's job);
 * - for an article, the proxy's remembered disclosure is there and fresh, for its header.
 * A fresh page is proof enough that the route exists: every write that could make it a 404 or a
 * redirect (unpublish, delete, slug change) expires the page's tags first. Anything else, and any
 * doubt, goes to Next.
 */
// The headers are shared by every request for the render: never change them, copy.
export type CachedDocument = { bodies: EncodedBodies; headers: Readonly<Record<string, string>> };

const HEADERS: Record<string, string> = {
  ...BASE_HEADER_VALUES,
  'Cache-Control': PUBLIC_CACHE_CONTROL,
  'Content-Type': 'text/html; charset=utf-8',
  // The body's coding follows Accept-Encoding (lib/cache/content-coding.ts).
  Vary: `${NEXT_PAGE_VARY}, Accept-Encoding`,
  'x-nextjs-cache': 'HIT',
};

/**
 * One render as the fast path sends it: the script-free body (and its compressed copies), and the
 * response headers by disclosure, built once. Kept by entry and render time, so a hot page is
 * transformed, compressed and given its headers once per render, not once per request.
 */
export type ScriptFreeRender = {
  bodies: EncodedBodies;
  heads: Map<string, Record<string, string>>;
  csp: string;
  etag: string;
};

/**
 * A script-free page's validator, from its bytes: the same for the render Next sends
 * (steps/held-response.ts) and for the cached copy the fast path sends, on every instance. Weak,
 * so that one validator covers every coding. Made once per render.
 */
export function documentEtag(body: Buffer): string {
  return `W/"${createHash('sha1').update(body).digest('base64url').slice(0, 22)}"`;
}

const MAX_BODIES = 1_000;
function scriptFreeRender(cacheKey: string, html: string | Buffer): ScriptFreeRender | null {
  const renders = runtime().cachedBodies;
  const hit = renders.get(cacheKey);
  if (hit) return hit;
  // The store keeps a page as bytes (lib/cache/next-format.mjs, forStore): read as text once per render.
  const scriptFree = withoutScripts(typeof html === 'string' ? html : html.toString('utf8'));
  if (scriptFree === null) return null;
  const identity = Buffer.from(scriptFree, 'utf8');
  const render = {
    bodies: encodedBodies(identity),
    heads: new Map(),
    csp: scriptFreeCsp(scriptFree),
    etag: documentEtag(identity),
  };
  renders.set(cacheKey, render);
  if (renders.size > MAX_BODIES) renders.delete(renders.keys().next().value!);
  return render;
}

/**
 * What the shared store keeps of a page Next rendered (lib/cache/next-format.mjs, `forStore`): a
 * public page as the server sends it, without the scripts and the inline RSC payload Next writes
 * into it (an article page ~18.5 KB of bytes instead of Next's ~58,000 characters; the payload itself
 * is kept beside it for Next's client navigation), so every copy served from the store is already script-free; any other page as Next
 * made it. Stripping is idempotent: the fast path's and the held response's own pass find nothing more.
 */
export function pageDocument(pathname: string, html: string): string {
  return areaOf(pathname) === 'public' ? (withoutScripts(html) ?? html) : html;
}

/** `requested` is a URL, or the server's parse of it (lib/routes/public-routes.ts), made once per request. */
export async function cachedDocument(requested: string | RequestedRoute): Promise<CachedDocument | null> {
  const { pathname, route } = typeof requested === 'string' ? parseRequestUrl(requested) : requested;
  // Only what the route table lets the fast path serve (`fastPath`: the home page, articles, listings).
  const entry = entryOf(route);
  if (!entry?.fastPath) return null;
  if (route.kind === 'article' && pathname.replace(/\/+$/, '') !== routes.article.href(route.slug)) return null;

  const page = await freshPage(internalListingPath(route) ?? pathname);
  if (!page) return null;
  const { key, record } = page;
  const html = servablePageHtml(record);
  if (html === null) return null;

  let disclosure: DisclosureKind | null = null;
  if (route.kind === 'article') {
    const remembered = await readMemo<DisclosureKind | null>(memoKeys.disclosure(route.slug), { freshness: 'fresh' });
    if (typeof remembered?.value !== 'string') return null;
    disclosure = remembered.value;
  }
  const render = scriptFreeRender(`${key}@${record.lastModified}`, html);
  if (!render) return null;
  let headers = render.heads.get(disclosure ?? '');
  if (!headers) {
    headers = {
      ...HEADERS,
      'Content-Security-Policy': render.csp,
      ...(disclosure ? { 'AI-Disclosure': aiDisclosureValue(disclosure) } : {}),
      ETag: render.etag,
      // When this render was made: a crawler's If-Modified-Since is answered with it too.
      'Last-Modified': new Date(record.lastModified).toUTCString(),
    };
    render.heads.set(disclosure ?? '', headers);
  }
  return { bodies: render.bodies, headers };
}

/**
 * Whether a request's If-Modified-Since is at or after a Last-Modified (RFC 9110 §13.1.3): only
 * asked when the request has no If-None-Match, which takes precedence.
 */
export function notModifiedSince(ifModifiedSince: string | undefined, lastModified: string | undefined): boolean {
  if (!ifModifiedSince || !lastModified) return false;
  const since = Date.parse(ifModifiedSince);
  return Number.isFinite(since) && Date.parse(lastModified) <= since;
}

/** Whether a request's If-None-Match names this validator (weak comparison, RFC 9110 §13.1.2). */
export function matchesEtag(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  const opaque = (tag: string) => tag.trim().replace(/^W\//, '');
  return ifNoneMatch.trim() === '*' || ifNoneMatch.split(',').some((tag) => opaque(tag) === opaque(etag));
}
