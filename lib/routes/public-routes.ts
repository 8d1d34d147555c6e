import { z } from 'zod';
import { SLUG_MAX_LENGTH, SLUG_PATTERN } from '../articles/text/slug';

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

const articleSlug = z.string().max(SLUG_MAX_LENGTH).regex(SLUG_PATTERN);
const categorySlug = z.string().max(50).regex(SLUG_PATTERN);
// Tag slugs are normalised names and may be Japanese; no separators, no control characters.
const tagSlug = z
  .string()
  .min(1)
  .max(60)
  .regex(/^[^\s/?#%\\\u0000-\u001f\u007f]+$/u);

export const MAX_PAGE = 100_000;

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
    // /articles/<slug> and its metadata images (/articles/<slug>/opengraph-image…)
    const tail = second === undefined || (/^opengraph-image(-\w+)?$/.test(second) && third === undefined);
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
    const year = Number(first);
    const month = Number(second);
    const page = pageNumber(search);
    if (!valid || month < 1 || month > 12 || year < 1990 || year > 2999 || !page) return { kind: 'invalid' };
    return { kind: 'archive', year, month, page };
  }
  return { kind: 'other' };
}

/** The internal path a listing renders at. */
export function internalListingPath(route: PublicRoute): string | null {
  switch (route.kind) {
    case 'category':
      return `/category/${route.slug}/page/${route.page}`;
    case 'tag':
      return `/tag/${encodeURIComponent(route.slug)}/page/${route.page}`;
    case 'archive':
      return `/archive/${route.year}/${String(route.month).padStart(2, '0')}/page/${route.page}`;
    default:
      return null;
  }
}

/** The public URL of a listing page: page 1 has no ?page. */
export function listingHref(base: string, page: number): string {
  return page <= 1 ? base : `${base}?page=${page}`;
}
