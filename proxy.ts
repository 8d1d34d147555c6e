import { NextResponse, type NextRequest } from 'next/server';
import { internalListingPath, parsePublicRoute, type PublicRoute } from '@/lib/routes/public-routes';
import { adminCsp } from '@/lib/platform/security-headers';
import { memoKeys } from '@/lib/cache/keys';
import { readMemo } from '@/lib/cache/shared-memo';
import { isDatabaseUnavailable, markDatabaseDown } from '@/lib/platform/db-availability';
import { aiDisclosureValue, type DisclosureKind } from '@/lib/articles/disclosure';
import { databaseReachable } from '@/lib/platform/db-health';
import { reportCacheFailure } from '@/lib/cache/failures.mjs';
import { hasFreshPage } from '@/lib/cache/store.mjs';
import { serviceUnavailableResponse } from '@/lib/platform/service-unavailable';
import { areaOf, routes } from '@/lib/routes/registry';
import { tagRedirectPath } from '@/lib/articles/tag-slug';
import { disclosureOf, redirectOf, routeExists } from '@/lib/server/route-checks';

/**
 * Next 16 renders a page's own notFound() as an empty error shell whose content exists only in
 * the RSC payload (a reader without JavaScript sees a blank page). So the proxy decides 404s for
 * every route the table declares `checked` before rendering, with that route's check
 * (lib/server/route-checks.ts): it rewrites them to an unmatched path, which Next serves as the
 * prerendered not-found page, in place, with status 404. Next's data cache does not cache inside
 * the proxy, so each check is remembered in the shared store under cache tags, and a write that
 * expires one of them makes it a miss on every instance (lib/cache/shared-memo.ts).
 * See docs/decisions/0004-caching-and-404s.md.
 */
const NOT_FOUND_PATH = '/_kiji/not-found';

/** Admin pages need a session; the pages and actions check it for real, this only saves a round trip. */
function hasSessionCookie(request: NextRequest): boolean {
  return request.cookies.getAll().some((cookie) => /(^|\.)session_token$/.test(cookie.name));
}

export async function proxy(request: NextRequest) {
  const { pathname } = request.nextUrl;
  if (areaOf(pathname) === 'admin') return adminResponse(request);
  const route = parsePublicRoute(pathname, request.nextUrl.searchParams);
  if (route.kind === 'invalid') return NextResponse.rewrite(new URL(NOT_FOUND_PATH, request.url), { status: 404 });
  if (!(await databaseReachable())) return whileDatabaseDown(request, route);
  try {
    return await publicResponse(request, route);
  } catch (error) {
    if (!isDatabaseUnavailable(error)) throw error;
    markDatabaseDown();
    return whileDatabaseDown(request, route);
  }
}

async function publicResponse(request: NextRequest, route: PublicRoute): Promise<NextResponse> {
  if (route.kind === 'article' && (await disclosureOf(route.slug)) === null) {
    const current = await redirectOf(route.slug);
    if (current) return NextResponse.redirect(new URL(routes.article.href(current), request.url), 308);
  }
  // A tag asked for in another case or width (/tag/生成AI) goes to its one canonical URL.
  if (route.kind === 'tag') {
    const canonical = tagRedirectPath(route.slug, route.page);
    if (canonical) return NextResponse.redirect(new URL(canonical, request.url), 308);
  }
  if (!(await routeExists(route))) {
    return NextResponse.rewrite(new URL(NOT_FOUND_PATH, request.url), { status: 404 });
  }
  const response = passOn(request, route);
  if (route.kind === 'article') {
    // Machines read how the article was made from the response itself (cached lookup, no query on a hit).
    const disclosure = await disclosureOf(route.slug);
    response.headers.set('AI-Disclosure', aiDisclosureValue(disclosure!));
  }
  return response;
}

function passOn(request: NextRequest, route: PublicRoute): NextResponse {
  const internal = internalListingPath(route);
  return internal ? NextResponse.rewrite(new URL(internal, request.url)) : NextResponse.next();
}

/**
 * With the database down, a page still in the cache is served as it is (Next reads it from the
 * cache without rendering); anything that would need the database answers 503 with Retry-After.
 */
async function whileDatabaseDown(request: NextRequest, route: PublicRoute): Promise<NextResponse | Response> {
  const cachedPath = internalListingPath(route) ?? request.nextUrl.pathname;
  const fresh = await hasFreshPage(cachedPath).catch((error: unknown) => {
    reportCacheFailure('entry-read', error);
    return false;
  });
  if (!fresh) return serviceUnavailableResponse('public');
  const response = passOn(request, route);
  if (route.kind === 'article') {
    const disclosure = await readMemo<DisclosureKind | null>(memoKeys.disclosure(route.slug), {
      freshness: 'last-known',
    });
    if (disclosure?.value) response.headers.set('AI-Disclosure', aiDisclosureValue(disclosure.value));
  }
  return response;
}

async function adminResponse(request: NextRequest): Promise<NextResponse | Response> {
  const { pathname } = request.nextUrl;
  if (pathname !== '/admin/login' && !hasSessionCookie(request)) {
    return NextResponse.redirect(new URL('/admin/login', request.url));
  }
  // Every admin page reads the session from the database, so it asks first and says so plainly.
  if (!(await databaseReachable({ force: true }))) return serviceUnavailableResponse('admin');
  // Admin pages render per request, so their scripts can carry a fresh nonce: Next reads the
  // policy from the request headers and applies the nonce to every script it writes.
  const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString('base64');
  const policy = adminCsp(nonce);
  const headers = new Headers(request.headers);
  headers.set('Content-Security-Policy', policy);
  headers.set('x-nonce', nonce);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set('Content-Security-Policy', policy);
  return response;
}

/**
 * Generated from the route table (PROXY_MATCHER, lib/routes/registry.ts; Next needs a literal here
 * and registry.test.ts holds it to the table): only the routes that need a decision before
 * rendering (existence, redirects, pagination) or that always read the database (search, admin). Each proxy invocation costs about as much as serving a
 * cached page, so the home page, feeds and static pages skip it: while the database is down they
 * are served from the cache, and Kiji's server answers 503 for one whose render fails (0008).
 */
export const config = {
  matcher: [
    '/admin',
    '/admin/:path*',
    '/archive/:path+',
    '/articles/:path+',
    '/category/:path+',
    '/editors/:path+',
    '/search',
    '/sitemaps/:path+',
    '/tag/:path+',
  ],
};
