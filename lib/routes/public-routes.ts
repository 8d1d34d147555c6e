import { areaOf, MAX_PAGE, ROUTE_ORDER, routes, type RouteDeclaration, type RouteName } from './registry';

/**
 * Which route a URL asks for, found by looping over the route table (lib/routes/registry.ts) and
 * validated with its entry's parameters before anything renders. Pure; the proxy adds the existence
 * checks (lib/server/route-checks.ts). Paginated listings live at internal /page/<n> paths that
 * readers reach as ?page=<n>.
 *
 * - `{ kind: <route name>, ...params }` for a path an entry matches with valid parameters;
 * - `invalid` for a path under a parametrised entry's prefix that no entry accepts (a bad slug,
 *   `/articles/x/y`, `?page=0`): certainly missing, answered 404 before anything renders;
 * - `other` for anything else: Next decides (and Kiji's server learns its 404s).
 */
export type PublicRoute =
  | { kind: 'article'; slug: string }
  | { kind: 'category'; slug: string; page: number }
  | { kind: 'categoryFeed'; slug: string }
  | { kind: 'tag'; slug: string; page: number }
  | { kind: 'archive'; year: number; month: number; page: number }
  | { kind: 'sitemapPart'; file: string }
  | { kind: 'editor'; slug: string }
  | { kind: 'image'; id: number; file: string }
  | { kind: 'liveUpdates'; slug: string; page: number }
  | { kind: 'liveUpdate'; slug: string; id: number }
  | { kind: 'liveKeyEvents'; slug: string }
  | { kind: 'liveFeed'; slug: string }
  | { kind: Exclude<RouteName, ParametrisedRoute> }
  | { kind: 'invalid' }
  | { kind: 'other' };
type ParametrisedRoute =
  | 'article'
  | 'category'
  | 'categoryFeed'
  | 'tag'
  | 'archive'
  | 'sitemapPart'
  | 'editor'
  | 'image'
  | 'liveUpdates'
  | 'liveUpdate'
  | 'liveKeyEvents'
  | 'liveFeed';

function decoded(segment: string): string | null {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}

function pageNumber(search: URLSearchParams): number | null {
  const values = search.getAll('page');
  if (values.length === 0) return 1;
  if (values.length > 1 || !/^[1-9]\d{0,5}$/.test(values[0]!)) return null;
  const page = Number(values[0]);
  return page <= MAX_PAGE ? page : null;
}

export function articleSlugParam(raw: string): string | null {
  const result = routes.article.params.safeParse({ slug: raw });
  return result.success ? result.data.slug : null;
}

/** Each entry's path as segments, compiled once. */
const COMPILED = ROUTE_ORDER.map((name) => {
  const entry: RouteDeclaration = routes[name];
  return { name, entry, segments: entry.path.split('/').slice(1).filter(Boolean) };
});

/**
 * Prefixes (first segments) owned by a parametrised public entry: a path under one that no entry
 * matches is invalid, not Next's to guess about.
 */
const OWNED_PREFIXES = new Set(
  COMPILED.filter(({ entry }) => entry.params && entry.checked).map(({ segments }) => segments[0]!),
);

/** The raw `:name` values of a path under an entry's pattern, or null when it does not match. */
function captures(pattern: readonly string[], segments: readonly string[]): Record<string, string> | null {
  const values: Record<string, string> = {};
  for (let index = 0; index < pattern.length; index++) {
    const part = pattern[index]!;
    if (part === '*') return values;
    const segment = segments[index];
    if (segment === undefined) return null;
    if (part.startsWith(':')) {
      const value = decoded(segment);
      if (value === null) return null;
      values[part.slice(1)] = value;
    } else if (part !== segment) return null;
  }
  return segments.length === pattern.length ? values : null;
}

export function parsePublicRoute(pathname: string, search: URLSearchParams): PublicRoute {
  const segments = pathname.replace(/\/+$/, '').split('/').slice(1).filter(Boolean);
  for (const { name, entry, segments: pattern } of COMPILED) {
    const values = captures(pattern, segments);
    if (values === null) continue;
    if (!entry.params) {
      // A page that takes no ?page says so: only listings are paginated.
      return { kind: name } as PublicRoute;
    }
    const page = entry.paged ? pageNumber(search) : undefined;
    if (page === null) return { kind: 'invalid' };
    const parsed = entry.params.safeParse(entry.paged ? { ...values, page } : values);
    return parsed.success ? ({ kind: name, ...parsed.data } as PublicRoute) : { kind: 'invalid' };
  }
  return segments[0] !== undefined && OWNED_PREFIXES.has(segments[0]) ? { kind: 'invalid' } : { kind: 'other' };
}

/** The entry of a parsed route, or null for `invalid` and `other`. */
export function entryOf(route: PublicRoute): RouteDeclaration | null {
  return route.kind === 'invalid' || route.kind === 'other' ? null : routes[route.kind];
}

/** The internal path a paginated listing renders at (its entry's `internal`), else null. */
export function internalListingPath(route: PublicRoute): string | null {
  const entry = entryOf(route);
  // Only paginated entries declare `internal`, and they take their own parsed parameters.
  return entry && 'internal' in entry ? (entry.internal as (params: PublicRoute) => string)(route) : null;
}

export type RequestedRoute = { pathname: string; route: PublicRoute; kind: string };

/**
 * A request URL parsed once: its path, the route it names, and what the request metrics call it:
 * its route's name (article, category, adminPages, feed…), never its path, so the number of series
 * stays small whatever a crawler asks for. Next's own files are `asset`.
 */
export function parseRequestUrl(url: string | undefined): RequestedRoute {
  const { pathname, searchParams } = new URL(url ?? '/', 'http://kiji.invalid');
  if (areaOf(pathname) === 'asset') return { pathname, route: { kind: 'other' }, kind: 'asset' };
  const route = parsePublicRoute(pathname, searchParams);
  return { pathname, route, kind: route.kind };
}
