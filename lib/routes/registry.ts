/**
 * Every kind of route Kiji answers, declared once, in the manner of Simorgh's route objects: one
 * entry per kind — public pages and files, images, the admin area and its request handlers, the
 * API — with what the running code asks of it:
 * - `path`: its pattern (`/articles/:slug`, `/admin/*`); the server and the proxy find a request's
 *   entry by looping over this table (lib/routes/public-routes.ts), never by a switch of their own;
 * - `params`: how its parameters are validated before anything renders;
 * - `href` (and `internal`, the path Next renders a paginated listing at);
 * - `methods`: what it answers (HEAD wherever GET: Kiji's server sends HEAD through the same steps);
 * - `body`: which body limit applies (BODY_LIMITS below; nginx's limits are generated from them);
 * - `checked`: whether the proxy decides its existence (and redirects) before rendering, so its 404
 *   is the site's page (lib/server/route-checks.ts holds one check per such entry);
 * - `fastPath`: whether Kiji's server may answer it from the shared page store;
 * - `cache`: its caching policy (`page`: a public page or file, briefly shared; `immutable`;
 *   `private`: never stored);
 * - `guard`: who may use it (`editor`: a signed-in editor, two factors where the account needs
 *   them; `admin`; `{ key: scope }`: an API key with that scope), enforced by one guard (lib/server/guard.ts) for pages and handlers alike;
 * - `sitemap`: whether the sitemap of pages lists it.
 * Everything else asks here: links, feeds, sitemaps and JSON-LD build URLs with `routes`; the
 * server's steps, the proxy, the known-missing check and nginx's template read the flags.
 *
 * Pure, with no `server-only`: components build links with it.
 */

import { z } from 'zod';
import { SLUG_MAX_LENGTH, SLUG_PATTERN } from './slug';
import type { ApiScope } from './api-scopes';

export type Area = 'public' | 'admin' | 'api' | 'asset' | 'media';

export const MAX_PAGE = 100_000;

const MIB = 1024 * 1024;

/**
 * Every body limit, in bytes, declared once: the server's gate refuses a longer body before reading
 * it (lib/platform/request-gate.ts), handlers read within it (lib/platform/request-body.ts), Next's
 * Server Actions limit and nginx's `client_max_body_size` are generated from it.
 */
export const BODY_LIMITS = {
  /** No body at all: pages, files, images. */
  none: 0,
  /** Sign-in, autosave, presence, the API's JSON, the contact form: a few hundred bytes to a few KB. */
  small: 64 * 1024,
  /** Server Actions: an import file or pasted text (IMPORT_MAX_BYTES) in a multipart form. */
  form: 4 * MIB,
  /** An article submitted to the API (JSON, plain text or Markdown), as large as an import. */
  submission: 2 * MIB + 64 * 1024,
  /** An image upload: larger than a camera's JPEG. */
  image: 15 * MIB,
} as const;
export type BodyLimit = keyof typeof BODY_LIMITS;

/** The largest article file or pasted text an import takes; its form carries it within BODY_LIMITS.form. */
export const IMPORT_MAX_BYTES = 2 * MIB;

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

export type Method = 'GET' | 'POST';
export type CachePolicy = 'page' | 'immutable' | 'private';
/**
 * `editor` / `admin`: a signed-in session; `{ key: scope }`: an integration key holding that scope
 * (`Authorization: Bearer kiji_…`, lib/api/keys.ts), never a session.
 */
export type Guard = 'editor' | 'admin' | { key: ApiScope };
export const isSessionGuard = (guard: Guard | undefined): guard is 'editor' | 'admin' => typeof guard === 'string';

/** What every entry declares; the literal types of each entry are kept (`route` below). */
export type RouteDeclaration = {
  path: string;
  methods: readonly Method[];
  body: BodyLimit;
  cache: CachePolicy;
  /** Parameters from the path's `:name` segments (and `?page` when `paged`), validated. */
  params?: z.ZodType<Record<string, unknown>, Record<string, unknown>>;
  paged?: true;
  /** `handler`: its handler reads the body itself, within the limit (a body without a length is counted). */
  reads?: 'handler';
  /** `handler`: its handler answers If-None-Match itself (ETag and 304), so the server passes it on. */
  validates?: 'handler';
  checked?: true;
  fastPath?: true;
  guard?: Guard;
  sitemap?: true;
};

const route = <const R extends RouteDeclaration>(declaration: R) => declaration;

/** A path segment that is digits of a given length, as a number. */
const digits = (length: number) =>
  z
    .string()
    .regex(new RegExp(`^\\d{${length}}$`))
    .transform(Number);

/** A row id in a path: digits, no leading zero, within PostgreSQL's int. */
const digitsId = z
  .string()
  .regex(/^[1-9]\d{0,9}$/)
  .transform(Number)
  .pipe(z.number().int().max(2_147_483_647));

const publicPage = { methods: ['GET'], body: 'none', cache: 'page' } as const;
const publicFile = publicPage;
const editorHandler = {
  methods: ['POST'],
  body: 'small',
  reads: 'handler',
  cache: 'private',
  guard: 'editor',
} as const;

export const routes = {
  home: route({ path: '/', ...publicPage, fastPath: true, sitemap: true, href: () => '/' }),
  article: route({
    path: '/articles/:slug',
    ...publicPage,
    params: z.object({ slug: routeParams.articleSlug }),
    checked: true,
    fastPath: true,
    href: (slug: string) => `/articles/${slug}`,
    /**
     * Its generated share image, one URL per version of the article, so that a change gets a new
     * card; with a shape (16x9, 4x3, 1x1), the 1200 px wide image the structured data names.
     */
    image: (slug: string, version: number, shape?: '16x9' | '4x3' | '1x1') =>
      `${AREA_PREFIXES.media}/articles/${slug}/${version}${shape ? `-${shape}` : ''}.png`,
  }),
  /** A live page's updates, older pages included (docs/decisions/0040); page 1 is also on the article page. */
  liveUpdates: route({
    path: '/articles/:slug/updates',
    ...publicPage,
    params: z.object({ slug: routeParams.articleSlug, page: routeParams.page }),
    paged: true,
    checked: true,
    fastPath: true,
    href: (slug: string, page = 1) => listingHref(`/articles/${slug}/updates`, page),
    internal: (params: { slug: string; page: number }) => `/articles/${params.slug}/updates/page/${params.page}`,
  }),
  /** One update of a live page, at an address that stays whatever is posted after it. */
  liveUpdate: route({
    path: '/articles/:slug/updates/:id',
    ...publicPage,
    params: z.object({ slug: routeParams.articleSlug, id: digitsId }),
    checked: true,
    fastPath: true,
    href: (slug: string, id: number) => `/articles/${slug}/updates/${id}`,
  }),
  /** A live page's key events alone. */
  liveKeyEvents: route({
    path: '/articles/:slug/key-events',
    ...publicPage,
    params: z.object({ slug: routeParams.articleSlug }),
    checked: true,
    fastPath: true,
    href: (slug: string) => `/articles/${slug}/key-events`,
  }),
  /** A live page's updates as an Atom feed. */
  liveFeed: route({
    path: '/articles/:slug/updates.xml',
    ...publicFile,
    params: z.object({ slug: routeParams.articleSlug }),
    checked: true,
    href: (slug: string) => `/articles/${slug}/updates.xml`,
  }),
  category: route({
    path: '/category/:slug',
    ...publicPage,
    params: z.object({ slug: routeParams.categorySlug, page: routeParams.page }),
    paged: true,
    checked: true,
    fastPath: true,
    href: (slug: string, page = 1) => listingHref(`/category/${slug}`, page),
    internal: (params: { slug: string; page: number }) => `/category/${params.slug}/page/${params.page}`,
  }),
  categoryFeed: route({
    path: '/category/:slug/feed.xml',
    ...publicFile,
    params: z.object({ slug: routeParams.categorySlug }),
    checked: true,
    href: (slug: string) => `/category/${slug}/feed.xml`,
  }),
  tag: route({
    path: '/tag/:slug',
    ...publicPage,
    params: z.object({ slug: routeParams.tagSlug, page: routeParams.page }),
    paged: true,
    checked: true,
    fastPath: true,
    href: (slug: string, page = 1) => listingHref(`/tag/${encodeURIComponent(slug)}`, page),
    internal: (params: { slug: string; page: number }) => `/tag/${encodeURIComponent(params.slug)}/page/${params.page}`,
  }),
  archive: route({
    path: '/archive/:year/:month',
    ...publicPage,
    params: z.object({
      year: digits(4).pipe(routeParams.year),
      month: digits(2).pipe(routeParams.month),
      page: routeParams.page,
    }),
    paged: true,
    checked: true,
    fastPath: true,
    href: (year: number, month: number, page = 1) => listingHref(`/archive/${year}/${month2(month)}`, page),
    internal: (params: { year: number; month: number; page: number }) =>
      `/archive/${params.year}/${month2(params.month)}/page/${params.page}`,
  }),
  archiveIndex: route({ path: '/archive', ...publicPage, sitemap: true, href: () => '/archive' }),
  search: route({
    path: '/search',
    ...publicPage,
    checked: true,
    href: (query?: string) => (query ? `/search?q=${encodeURIComponent(query)}` : '/search'),
  }),
  editor: route({
    path: '/editors/:slug',
    ...publicPage,
    params: z.object({ slug: routeParams.categorySlug }),
    checked: true,
    href: (slug: string) => `/editors/${slug}`,
  }),
  corrections: route({ path: '/corrections', ...publicPage, sitemap: true, href: () => '/corrections' }),
  about: route({ path: '/about', ...publicPage, sitemap: true, href: () => '/about' }),
  aboutAi: route({ path: '/about/ai', ...publicPage, sitemap: true, href: () => '/about/ai' }),
  aboutCorrections: route({
    path: '/about/corrections',
    ...publicPage,
    sitemap: true,
    href: () => '/about/corrections',
  }),
  privacy: route({ path: '/about/privacy', ...publicPage, sitemap: true, href: () => '/about/privacy' }),
  contact: route({
    path: '/contact',
    ...publicPage,
    sitemap: true,
    href: (refusal?: string) => (refusal ? `/contact?error=${encodeURIComponent(refusal)}` : '/contact'),
  }),
  /** Where the contact form posts (a route handler); it answers 303 to contactSent or contact. */
  contactSend: route({
    path: '/contact/send',
    methods: ['POST'],
    body: 'small',
    reads: 'handler',
    cache: 'private',
    href: () => '/contact/send',
  }),
  contactSent: route({ path: '/contact/sent', ...publicPage, href: () => '/contact/sent' }),
  feed: route({ path: '/feed.xml', ...publicFile, href: () => '/feed.xml' }),
  atom: route({ path: '/atom.xml', ...publicFile, href: () => '/atom.xml' }),
  correctionsFeed: route({ path: '/corrections/feed.xml', ...publicFile, href: () => '/corrections/feed.xml' }),
  sitemap: route({ path: '/sitemap.xml', ...publicFile, href: () => '/sitemap.xml' }),
  newsSitemap: route({ path: '/news-sitemap.xml', ...publicFile, href: () => '/news-sitemap.xml' }),
  sitemapPart: route({
    path: '/sitemaps/:file',
    ...publicFile,
    params: z.object({ file: z.string().regex(/^(pages|articles-[1-9]\d{0,3})\.xml$/) }),
    checked: true,
    href: (file: string) => `/sitemaps/${file}`,
  }),
  robots: route({ path: '/robots.txt', ...publicFile, href: () => '/robots.txt' }),
  securityTxt: route({ path: '/.well-known/security.txt', ...publicFile, href: () => '/.well-known/security.txt' }),
  favicon: route({ path: '/favicon.ico', ...publicFile, href: () => '/favicon.ico' }),
  icon: route({ path: '/icon.svg', ...publicFile, href: () => '/icon.svg' }),
  /** The publisher's square logo (structured data asks at least 112×112). */
  logo: route({ path: '/logo-square.png', ...publicFile, href: () => '/logo-square.png' }),
  appleTouchIcon: route({ path: '/apple-touch-icon.png', ...publicFile, href: () => '/apple-touch-icon.png' }),
  /** JournalList's trust.txt, at its well-known address (rewritten to /trust.txt, next.config.ts). */
  trustTxt: route({ path: '/.well-known/trust.txt', ...publicFile, href: () => '/.well-known/trust.txt' }),
  shareImage: route({ path: '/share.png', ...publicFile, href: () => '/share.png' }),
  /** An article's generated share card (routes.article.image builds its URLs). */
  articleImage: route({
    path: '/media/articles/:slug/:file',
    ...publicFile,
    cache: 'immutable',
    href: (slug: string, file: string) => `${AREA_PREFIXES.media}/articles/${slug}/${file}`,
  }),
  /** An uploaded image's rendition: public only while a public article uses it; editors see all (docs/decisions/0024). */
  image: route({
    path: '/media/images/:id/:file',
    ...publicFile,
    cache: 'immutable',
    params: z.object({
      id: z.coerce.number().int().min(1).max(2_147_483_647),
      file: z.string().regex(/^\d{2,4}(x\d{2,4})?\.(avif|webp|jpg)$/),
    }),
    href: (id: number, file: string) => `${AREA_PREFIXES.media}/images/${id}/${file}`,
  }),
  /** Where the editor uploads an image (a route handler taking the file's bytes as its body). */
  imageUpload: route({
    path: '/admin/media/upload',
    ...editorHandler,
    body: 'image',
    href: () => '/admin/media/upload',
  }),
  /** The editor's autosave and presence heartbeats (route handlers taking JSON). */
  autosave: route({ path: '/admin/autosave', ...editorHandler, href: () => '/admin/autosave' }),
  presence: route({ path: '/admin/presence', ...editorHandler, href: () => '/admin/presence' }),
  /** Signing in: the only admin pages open without a session. */
  login: route({
    path: '/admin/login',
    methods: ['GET', 'POST'],
    body: 'small',
    cache: 'private',
    href: () => '/admin/login',
  }),
  twoFactor: route({
    path: '/admin/two-factor',
    methods: ['GET', 'POST'],
    body: 'small',
    cache: 'private',
    href: () => '/admin/two-factor',
  }),
  /** Every other admin page and its Server Actions. */
  adminPages: route({
    path: '/admin/*',
    methods: ['GET', 'POST'],
    body: 'form',
    cache: 'private',
    guard: 'editor',
    href: (rest = '') => (rest ? `/admin/${rest}` : '/admin'),
  }),
  health: route({ path: '/api/health', methods: ['GET'], body: 'none', cache: 'private', href: () => '/api/health' }),
  authApi: route({
    path: '/api/auth/*',
    methods: ['GET', 'POST'],
    body: 'small',
    reads: 'handler',
    cache: 'private',
    href: (rest: string) => `/api/auth/${rest}`,
  }),
  /** The AI desk's API (docs/decisions/0030): a pipeline submits articles with an integration key. */
  apiSubmissions: route({
    path: '/api/v1/submissions',
    methods: ['POST'],
    body: 'submission',
    reads: 'handler',
    cache: 'private',
    guard: { key: 'submissions:write' },
    href: () => '/api/v1/submissions',
  }),
  apiSubmission: route({
    path: '/api/v1/submissions/:id',
    methods: ['GET'],
    body: 'none',
    reads: 'handler',
    cache: 'private',
    params: z.object({ id: z.uuid() }),
    guard: { key: 'submissions:read' },
    href: (id: string) => `/api/v1/submissions/${id}`,
  }),
  /** A pipeline sends an image (multipart), through the dashboard's image pipeline (docs/decisions/0034). */
  apiMedia: route({
    path: '/api/v1/media',
    methods: ['POST'],
    body: 'image',
    reads: 'handler',
    cache: 'private',
    guard: { key: 'media:write' },
    href: () => '/api/v1/media',
  }),
  /** Published articles, as the import document plus URLs; public when an admin switches it on. */
  apiArticles: route({
    path: '/api/v1/articles',
    methods: ['GET'],
    body: 'none',
    reads: 'handler',
    cache: 'private',
    validates: 'handler',
    guard: { key: 'articles:read' },
    href: (query?: string) => (query ? `/api/v1/articles?${query}` : '/api/v1/articles'),
  }),
  apiArticle: route({
    path: '/api/v1/articles/:slug',
    methods: ['GET'],
    body: 'none',
    reads: 'handler',
    cache: 'private',
    validates: 'handler',
    params: z.object({ slug: routeParams.articleSlug }),
    guard: { key: 'articles:read' },
    href: (slug: string) => `/api/v1/articles/${slug}`,
  }),
  /** A pipeline sends a live page an update, held until an editor posts it (docs/decisions/0040). */
  apiLiveUpdates: route({
    path: '/api/v1/articles/:slug/live-updates',
    methods: ['POST'],
    body: 'small',
    reads: 'handler',
    cache: 'private',
    params: z.object({ slug: routeParams.articleSlug }),
    guard: { key: 'live:write' },
    href: (slug: string) => `/api/v1/articles/${slug}/live-updates`,
  }),
  apiLiveUpdate: route({
    path: '/api/v1/live-updates/:id',
    methods: ['GET'],
    body: 'none',
    reads: 'handler',
    cache: 'private',
    params: z.object({ id: digitsId }),
    guard: { key: 'live:write' },
    href: (id: number) => `/api/v1/live-updates/${id}`,
  }),
  /** The API's OpenAPI 3.1 document, generated from the zod schemas that validate (lib/api/openapi.ts). */
  apiOpenApi: route({
    path: '/api/v1/openapi.json',
    methods: ['GET'],
    body: 'none',
    cache: 'private',
    validates: 'handler',
    href: () => '/api/v1/openapi.json',
  }),
};

export type RouteName = keyof typeof routes;
export type RouteEntry = (typeof routes)[RouteName];

/** The entries in the order they are tried: literal paths before patterns, longer before shorter. */
export const ROUTE_ORDER: readonly RouteName[] = (Object.keys(routes) as RouteName[]).sort((a, b) => {
  const rank = (path: string) => [path.endsWith('*') ? 1 : 0, path.includes(':') ? 1 : 0, -path.split('/').length];
  const [x, y] = [rank(routes[a].path), rank(routes[b].path)];
  return x[0]! - y[0]! || x[1]! - y[1]! || x[2]! - y[2]!;
});

/** Which routes a body limit applies to, for generated configuration (nginx). */
export function bodyLimitOf(name: RouteName): number {
  return BODY_LIMITS[routes[name].body];
}

/**
 * A Next matcher for an entry's path: `/articles/:slug` → `/articles/:path+` (the proxy sees the
 * malformed forms too, to answer them 404), `/admin/*` → `/admin` and `/admin/:path*`.
 */
function matcherOf(path: string): string[] {
  const prefix = `/${path.split('/')[1]}`;
  if (path.endsWith('*')) return [prefix, `${prefix}/:path*`];
  return path.includes(':') ? [`${prefix}/:path+`] : [path];
}

/**
 * proxy.ts's matcher, which Next needs as a literal there, generated from the table: the routes
 * the proxy checks before rendering, and every guarded route and the rest of the admin area (for
 * its session check and nonce). A literal path under a pattern already listed is left out.
 * registry.test.ts holds proxy.ts's literal to it.
 */
export const PROXY_MATCHER: readonly string[] = (() => {
  const matchers = ROUTE_ORDER.filter((name) => {
    const entry: RouteDeclaration = routes[name];
    return entry.checked || isSessionGuard(entry.guard) || areaOf(entry.path.replace(/\/\*$/, '')) === 'admin';
  }).flatMap((name) => matcherOf(routes[name].path));
  const patterns = matchers
    .filter((matcher) => matcher.includes('/:path'))
    .map((matcher) => matcher.split('/:path')[0]!);
  const covered = (matcher: string) =>
    !matcher.includes('/:path') && patterns.some((prefix) => matcher.startsWith(`${prefix}/`));
  return [...new Set(matchers.filter((matcher) => !covered(matcher)))].sort();
})();

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
