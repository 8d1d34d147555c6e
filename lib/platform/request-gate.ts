import { areaOf, BODY_LIMITS, routes, type RouteDeclaration } from '../routes/registry';
import { problemDocument } from './problem-document';
import type { PublicRoute } from '../routes/public-routes';
import { BASE_HEADER_VALUES } from './security-headers';

/**
 * What Kiji's server refuses before Next sees a request, so that nothing reads, parses or renders
 * it, decided by the request's entry in the route table (lib/routes/registry.ts):
 * - a method its route does not answer gets 405 with that route's `Allow` (HEAD wherever GET;
 *   OPTIONS everywhere); a path no entry matches allows what any route does;
 * - a path that is not valid percent-encoding gets 400 (Next would fail to decode its parameters
 *   with a 500);
 * - a body longer than its route's limit (BODY_LIMITS) gets 413 from its declared length, before a
 *   byte of it is read; a body sent without a length (chunked) is counted as it is read by the
 *   handlers that read their own (`reads: 'handler'`, lib/platform/request-body.ts), and refused
 *   with 411 where Next would read it (Server Actions), since no browser sends a form that way.
 */
export const ALLOWED_METHODS = ['GET', 'HEAD', 'POST', 'OPTIONS'] as const;

/** How much of a refused body the server reads and throws away, so that its client sees the 413. */
export const DISCARD_LIMIT_BYTES = 32 * 1024 * 1024;

export type Refusal = { status: 400 | 405 | 411 | 413; headers: Record<string, string>; body: string };

/** A path whose percent-encoding does not decode (`/media/articles/%E0%A4%A`) names nothing. */
function decodes(pathname: string): boolean {
  if (!pathname.includes('%')) return true;
  try {
    decodeURIComponent(pathname);
    return true;
  } catch {
    return false;
  }
}

const plainHeaders = {
  ...BASE_HEADER_VALUES,
  'Content-Type': 'text/plain; charset=utf-8',
  'Cache-Control': 'no-store',
  'Content-Security-Policy': "default-src 'none'; frame-ancestors 'none'",
};

const problemHeaders = { ...plainHeaders, 'Content-Type': 'application/problem+json; charset=utf-8' };

const REFUSALS = {
  400: { type: 'malformed', ja: 'パスを読めません', en: 'The path is not valid percent-encoding', text: 'Bad Request' },
  405: {
    type: 'method-not-allowed',
    ja: 'このメソッドは使えません（Allow を見てください）',
    en: 'This method is not allowed here (see Allow)',
    text: 'Method Not Allowed',
  },
  411: {
    type: 'length-required',
    ja: 'Content-Length が必要です',
    en: 'Send a Content-Length',
    text: 'Length Required',
  },
  413: { type: 'too-large', ja: '本文が大きすぎます', en: 'The body is too large', text: 'Payload Too Large' },
} as const;

/** A refusal, as the API's problem document under /api, else as plain text. */
function refusal(status: keyof typeof REFUSALS, pathname: string, headers: Record<string, string> = {}): Refusal {
  const { type, ja, en, text } = REFUSALS[status];
  if (areaOf(pathname) === 'api')
    return {
      status,
      headers: { ...problemHeaders, ...headers },
      body: `${JSON.stringify(problemDocument(status, type, { ja, en }))}\n`,
    };
  return { status, headers: { ...plainHeaders, ...headers }, body: `${text}\n` };
}

/** The methods a route answers, as its `Allow` header lists them. */
export function allowedMethods(entry: RouteDeclaration | null): readonly string[] {
  if (!entry) return ALLOWED_METHODS;
  const methods: string[] = [...entry.methods];
  if (methods.includes('GET')) methods.splice(1, 0, 'HEAD');
  return [...methods, 'OPTIONS'];
}

/** The body limit of a path no entry matches: the most any public page takes. */
const UNMATCHED_LIMIT = BODY_LIMITS.small;

export function refuseBeforeReading(
  method: string | undefined,
  pathname: string,
  route: PublicRoute,
  headers: { 'content-length'?: string; 'transfer-encoding'?: string },
): Refusal | null {
  const entry = route.kind === 'invalid' || route.kind === 'other' ? null : (routes[route.kind] as RouteDeclaration);
  const allowed = allowedMethods(entry);
  if (!allowed.includes(method ?? '')) {
    return refusal(405, pathname, { Allow: allowed.join(', '), Connection: 'close' });
  }
  if (!decodes(pathname)) return refusal(400, pathname);
  const limit = entry ? BODY_LIMITS[entry.body] : UNMATCHED_LIMIT;
  const contentLength = headers['content-length'];
  const declared = contentLength === undefined ? 0 : Number(contentLength);
  if (!Number.isFinite(declared) || declared > limit) {
    // No `Connection: close`: a client still sending would see its write fail instead of reading
    // this answer. Kiji's server discards what follows, up to DISCARD_LIMIT_BYTES, and then hangs up.
    return refusal(413, pathname);
  }
  if (contentLength === undefined && headers['transfer-encoding'] !== undefined && entry?.reads !== 'handler') {
    return refusal(411, pathname, { Connection: 'close' });
  }
  return null;
}
