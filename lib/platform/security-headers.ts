import { LIVE_ISLAND_CSP_SOURCE } from './live-island';
/**
 * Response headers for every page. Public pages are cached and shared, so their policy cannot carry
 * a per-request nonce; admin pages are dynamic and get a nonce-based policy from proxy.ts.
 * See docs/security.md.
 */
const common = [
  "default-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
];

/**
 * What Next itself puts on public pages. Its App Router writes the RSC payload as inline <script>
 * elements and a cached page cannot know a nonce, so this policy needs 'unsafe-inline'; external
 * scripts are pinned by Subresource Integrity (experimental.sri). Readers never get it in
 * production: Kiji's server (scripts/serve.ts) sends public pages without scripts and replaces it
 * with SCRIPT_FREE_CSP. It remains for `npm run dev` and for a page that cannot do without scripts.
 */
export const PUBLIC_CSP = [...common, "script-src 'self' 'unsafe-inline'", "style-src 'self' 'unsafe-inline'"].join(
  '; ',
);

/** Public pages as Kiji's server sends them: documents in which no script may run at all. */
export const SCRIPT_FREE_CSP = [...common, "script-src 'none'", "style-src 'self' 'unsafe-inline'"].join('; ');

/** A live page (docs/decisions/0040): the same, but its one inline island may run, known by its hash. */
export const ISLAND_CSP = [...common, `script-src ${LIVE_ISLAND_CSP_SOURCE}`, "style-src 'self' 'unsafe-inline'"].join(
  '; ',
);

export function adminCsp(nonce: string): string {
  return [...common, `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'`, "style-src 'self' 'unsafe-inline'"].join(
    '; ',
  );
}

export const BASE_HEADERS: { key: string; value: string }[] = [
  { key: 'X-Content-Type-Options', value: 'nosniff' },
  { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
  { key: 'X-Frame-Options', value: 'DENY' },
  {
    key: 'Permissions-Policy',
    value: 'camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()',
  },
  { key: 'Cross-Origin-Opener-Policy', value: 'same-origin' },
  ...(process.env.NODE_ENV === 'production'
    ? [{ key: 'Strict-Transport-Security', value: 'max-age=63072000; includeSubDomains' }]
    : []),
];

/** The same headers as one object, for responses Kiji's server and proxy build themselves. */
export const BASE_HEADER_VALUES: Record<string, string> = Object.fromEntries(
  BASE_HEADERS.map(({ key, value }) => [key, value]),
);

/** Public pages: a shared cache may keep them a second and serve them stale for a minute while it refreshes. */
export const PUBLIC_CACHE_CONTROL = 'public, s-maxage=1, stale-while-revalidate=59';
