import { areaOf, MAX_PAGE, routeParams, routes } from './registry';

/**
 * Which public listing or article a URL asks for, parsed and validated before anything renders.
 * Pure; proxy.ts adds the existence checks. Paginated listings live at internal /page/<n> paths
 * that readers reach as ?page=<n>.
 */
export type PublicRoute =
  | { kind: 'article'; slug: string }
  | { kind: 'category'; slug: string; page: number }
  | { kind: 'category-feed'; slug: string }
  | { kind: 'tag'; slug: string; page: number }
  | { kind: 'archive'; year: number; month: number; page: number }
  | { kind: 'sitemap-part'; file: string }
  | { kind: 'invalid' }
  | { kind: 'other' };

const { articleSlug, categorySlug, tagSlug } = routeParams;

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
  const result = articleSlug.safeParse(raw);
  return result.success ? result.data : null;
}

export function parsePublicRoute(pathname: string, search: URLSearchParams): PublicRoute {
  const segments = pathname.replace(/\/+$/, '').split('/').slice(1);
  const [section, first, second, third, ...rest] = segments;
  const raw = first === undefined ? null : decoded(first);

  if (section === 'articles') {
    const tail = second === undefined;
    const slug = raw === null ? null : articleSlugParam(raw);
    return slug && tail ? { kind: 'article', slug } : { kind: 'invalid' };
  }
  if (section === 'category') {
    const slug = raw === null ? null : categorySlug.safeParse(raw).success ? raw : null;
    if (!slug) return { kind: 'invalid' };
    if (second === 'feed.xml' && third === undefined) return { kind: 'category-feed', slug };
    if (second !== undefined) return { kind: 'invalid' };
    const page = pageNumber(search);
    return page ? { kind: 'category', slug, page } : { kind: 'invalid' };
  }
  if (section === 'tag') {
    const slug = raw !== null && tagSlug.safeParse(raw).success ? raw : null;
    const page = pageNumber(search);
    return slug && second === undefined && page ? { kind: 'tag', slug, page } : { kind: 'invalid' };
  }
  if (section === 'sitemaps') {
    const valid = first !== undefined && second === undefined && /^(pages|articles-[1-9]\d{0,3})\.xml$/.test(first);
    return valid ? { kind: 'sitemap-part', file: first } : { kind: 'invalid' };
  }
  if (section === 'archive' && first !== undefined) {
    const valid =
      /^\d{4}$/.test(first) &&
      second !== undefined &&
      /^\d{2}$/.test(second) &&
      third === undefined &&
      rest.length === 0;
    const params = routes.archive.params.safeParse({
      year: Number(first),
      month: Number(second),
      page: pageNumber(search),
    });
    if (!valid || !params.success) return { kind: 'invalid' };
    return { kind: 'archive', ...params.data };
  }
  return { kind: 'other' };
}

/** The internal path a listing renders at. */
export function internalListingPath(route: PublicRoute): string | null {
  switch (route.kind) {
    case 'category':
      return routes.category.internal(route.slug, route.page);
    case 'tag':
      return routes.tag.internal(route.slug, route.page);
    case 'archive':
      return routes.archive.internal(route.year, route.month, route.page);
    default:
      return null;
  }
}

/** The top-level sections that are pages or files of their own, by the name metrics give them. */
const SECTIONS = new Set(['search', 'about', 'corrections', 'archive', 'preview']);
const FILES: Record<string, string> = {
  'feed.xml': 'feed',
  'atom.xml': 'atom',
  'sitemap.xml': 'sitemap',
  'news-sitemap.xml': 'news-sitemap',
  'robots.txt': 'robots',
};

export type RequestedRoute = { pathname: string; route: PublicRoute; kind: string };

/**
 * A request URL parsed once: its path, the public route it names, and what the request metrics
 * call it: its kind (article, category, admin, feed…), never its path, so the number of series
 * stays small whatever a crawler asks for.
 */
export function parseRequestUrl(url: string | undefined): RequestedRoute {
  const { pathname, searchParams } = new URL(url ?? '/', 'http://kiji.invalid');
  const area = areaOf(pathname);
  if (area !== 'public') return { pathname, route: { kind: 'other' }, kind: area };
  const route = parsePublicRoute(pathname, searchParams);
  if (pathname === '/') return { pathname, route, kind: 'home' };
  if (route.kind !== 'other') return { pathname, route, kind: route.kind };
  const section = pathname.split('/')[1] ?? '';
  return { pathname, route, kind: FILES[section] ?? (SECTIONS.has(section) ? section : 'other') };
}
