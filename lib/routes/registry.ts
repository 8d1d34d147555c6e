/**
 * Every kind of route Kiji answers, declared once, in the manner of Simorgh's route config: which
 * area a path belongs to (public, admin, API, Next's assets), each public route's URL builder
 * (`href`), the internal path Next renders it at when that differs (`internal`), and its flags:
 * whether the fast path may serve it from the cache (`cacheable`) and whether the proxy checks it
 * before rendering (`checkedByProxy`). Every public page is sent without scripts
 * (docs/decisions/0009), so that needs no flag.
 *
 * Everything else asks here: links, feeds, sitemaps and JSON-LD build URLs with `routes`; the
 * server, the fast path and the proxy ask `areaOf`. Next needs literal matchers in next.config.ts
 * and proxy.ts; lib/routes/registry.test.ts checks those literals, and nginx's template, against
 * this module.
 *
 * Pure, with no `server-only`: components build links with it.
 */

import { z } from 'zod';
import { SLUG_MAX_LENGTH, SLUG_PATTERN } from '../articles/text/slug';

export type Area = 'public' | 'admin' | 'api' | 'asset' | 'media';

export const MAX_PAGE = 100_000;

/** The parameters of the public routes, validated before anything renders. */
export const routeParams = {
  articleSlug: z.string().max(SLUG_MAX_LENGTH).regex(SLUG_PATTERN),
  categorySlug: z.string().max(50).regex(SLUG_PATTERN),
  // Tag slugs are normalised names and may be Japanese; no separators, no control characters.
  tagSlug: z
    .string()
    .min(1)
    .max(60)
    .regex(/^[^\s/?#%\\\u0000-\u001f\u007f]+$/u),
  page: z.number().int().min(1).max(MAX_PAGE),
  year: z.number().int().min(1990).max(2999),
  month: z.number().int().min(1).max(12),
};

/**
 * Path prefixes of the areas that are not public pages. `media` holds images made from articles:
 * each URL names a version, so they carry their own long-lived cache headers, not the pages'.
 */
export const AREA_PREFIXES = { admin: '/admin', api: '/api', asset: '/_next', media: '/media' } as const;

const under = (pathname: string, prefix: string) => pathname === prefix || pathname.startsWith(`${prefix}/`);

export function areaOf(pathname: string): Area {
  if (under(pathname, AREA_PREFIXES.admin)) return 'admin';
  if (under(pathname, AREA_PREFIXES.api)) return 'api';
  if (under(pathname, AREA_PREFIXES.asset)) return 'asset';
  if (under(pathname, AREA_PREFIXES.media)) return 'media';
  return 'public';
}

/** The public URL of a listing page: page 1 has no ?page. */
export function listingHref(base: string, page = 1): string {
  return page <= 1 ? base : `${base}?page=${page}`;
}

const month2 = (month: number) => String(month).padStart(2, '0');

type RouteFlags = { cacheable: boolean; checkedByProxy: boolean };

const route = <R extends RouteFlags>(declaration: R) => declaration;

export const routes = {
  home: route({ href: () => '/', cacheable: true, checkedByProxy: false }),
  shareImage: route({ href: () => '/share.png', cacheable: false, checkedByProxy: false }),
  article: route({
    params: z.object({ slug: routeParams.articleSlug }),
    href: (slug: string) => `/articles/${slug}`,
    /**
     * Its generated share image, one URL per version of the article, so that a change gets a new
     * card; with a shape (16x9, 4x3, 1x1), the 1200 px wide image the structured data names.
     */
    image: (slug: string, version: number, shape?: '16x9' | '4x3' | '1x1') =>
      `${AREA_PREFIXES.media}/articles/${slug}/${version}${shape ? `-${shape}` : ''}.png`,
    cacheable: true,
    checkedByProxy: true,
  }),
  category: route({
    params: z.object({ slug: routeParams.categorySlug, page: routeParams.page }),
    href: (slug: string, page = 1) => listingHref(`/category/${slug}`, page),
    internal: (slug: string, page: number) => `/category/${slug}/page/${page}`,
    cacheable: true,
    checkedByProxy: true,
  }),
  categoryFeed: route({ href: (slug: string) => `/category/${slug}/feed.xml`, cacheable: false, checkedByProxy: true }),
  tag: route({
    params: z.object({ slug: routeParams.tagSlug, page: routeParams.page }),
    href: (slug: string, page = 1) => listingHref(`/tag/${encodeURIComponent(slug)}`, page),
    internal: (slug: string, page: number) => `/tag/${encodeURIComponent(slug)}/page/${page}`,
    cacheable: true,
    checkedByProxy: true,
  }),
  archive: route({
    params: z.object({ year: routeParams.year, month: routeParams.month, page: routeParams.page }),
    href: (year: number, month: number, page = 1) => listingHref(`/archive/${year}/${month2(month)}`, page),
    internal: (year: number, month: number, page: number) => `/archive/${year}/${month2(month)}/page/${page}`,
    cacheable: true,
    checkedByProxy: true,
  }),
  archiveIndex: route({ href: () => '/archive', cacheable: false, checkedByProxy: false }),
  search: route({
    href: (query?: string) => (query ? `/search?q=${encodeURIComponent(query)}` : '/search'),
    cacheable: false,
    checkedByProxy: true,
  }),
  sitemapPart: route({ href: (file: string) => `/sitemaps/${file}`, cacheable: false, checkedByProxy: true }),
  sitemap: route({ href: () => '/sitemap.xml', cacheable: false, checkedByProxy: false }),
  newsSitemap: route({ href: () => '/news-sitemap.xml', cacheable: false, checkedByProxy: false }),
  feed: route({ href: () => '/feed.xml', cacheable: false, checkedByProxy: false }),
  atom: route({ href: () => '/atom.xml', cacheable: false, checkedByProxy: false }),
  corrections: route({ href: () => '/corrections', cacheable: false, checkedByProxy: false }),
  correctionsFeed: route({ href: () => '/corrections/feed.xml', cacheable: false, checkedByProxy: false }),
  aboutAi: route({ href: () => '/about/ai', cacheable: false, checkedByProxy: false }),
  aboutCorrections: route({ href: () => '/about/corrections', cacheable: false, checkedByProxy: false }),
  about: route({ href: () => '/about', cacheable: false, checkedByProxy: false }),
  privacy: route({ href: () => '/about/privacy', cacheable: false, checkedByProxy: false }),
  contact: route({
    href: (refusal?: string) => (refusal ? `/contact?error=${encodeURIComponent(refusal)}` : '/contact'),
    cacheable: false,
    checkedByProxy: false,
  }),
  /** Where the contact form posts (a route handler); it answers 303 to contactSent or contact. */
  contactSend: route({ href: () => '/contact/send', cacheable: false, checkedByProxy: false }),
  contactSent: route({ href: () => '/contact/sent', cacheable: false, checkedByProxy: false }),
  /** An uploaded image's rendition: immutable, so cached for good (lib/media). */
  image: route({
    params: z.object({
      id: z.coerce.number().int().min(1).max(2_147_483_647),
      file: z.string().regex(/^\d{2,4}(x\d{2,4})?\.(avif|webp|jpg)$/),
    }),
    href: (id: number, file: string) => `${AREA_PREFIXES.media}/images/${id}/${file}`,
    cacheable: false,
    checkedByProxy: false,
  }),
  /** Where the editor uploads an image (a route handler taking the file's bytes as its body). */
  /** The editor's autosave and presence heartbeats (route handlers taking JSON). */
  autosave: route({ href: () => `${AREA_PREFIXES.admin}/autosave`, cacheable: false, checkedByProxy: true }),
  presence: route({ href: () => `${AREA_PREFIXES.admin}/presence`, cacheable: false, checkedByProxy: true }),
  imageUpload: route({ href: () => `${AREA_PREFIXES.admin}/media/upload`, cacheable: false, checkedByProxy: true }),
  editor: route({
    params: z.object({ slug: routeParams.categorySlug }),
    href: (slug: string) => `/editors/${slug}`,
    cacheable: false,
    checkedByProxy: false,
  }),
};

export type RouteName = keyof typeof routes;

/**
 * proxy.ts's matcher, which Next needs as a literal there: the public routes the proxy checks,
 * and the admin area (for its session check and nonce). registry.test.ts holds proxy.ts to it.
 */
export const PROXY_MATCHER = [
  '/search',
  '/articles/:path*',
  '/category/:path*',
  '/tag/:path*',
  '/archive/:path+',
  '/sitemaps/:path*',
  AREA_PREFIXES.admin,
  `${AREA_PREFIXES.admin}/:path*`,
];

/**
 * The canonical form of a request URL when it differs only by trailing slashes (`/articles/x/`),
 * else null. Kiji's server answers it with 308 before any cache is asked, so the answer never
 * depends on whether the page happens to be cached.
 */
export function withoutTrailingSlash(url: string): string | null {
  // Every request passes here: the common case answers without a regular expression.
  const queryAt = url.indexOf('?');
  if ((queryAt === -1 ? url.at(-1) : url[queryAt - 1]) !== '/' || queryAt === 1 || url === '/') return null;
  const [path = '/', query] = url.split(/\?(.*)/s, 2);
  if (path === '/' || !path.endsWith('/')) return null;
  // Leading slashes collapse too: `//evil.example/` must never become a redirect to another host.
  const trimmed = `/${path.replace(/^\/+/, '').replace(/\/+$/, '')}`;
  return query === undefined ? trimmed : `${trimmed}?${query}`;
}
