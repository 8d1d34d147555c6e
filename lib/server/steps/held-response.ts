import { createHash } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { documentEtag, matchesEtag, notModifiedSince } from '../cached-document';
import { learnNotFound, notFoundPage } from '../../cache/known-missing';
import { databaseMarkedDown } from '../../platform/db-availability';
import { serviceUnavailablePage } from '../../platform/service-unavailable';
import { scriptFreeCsp, withoutScripts } from '../../routes/script-free-document';
import { encodedBodies } from '../../cache/content-coding';
import { lastGoodPage, rememberGoodPage, STALE_HEADERS } from '../../cache/last-good';

/** Headers of Next's not-found response that belong to that one response, not to its page. */
const NOT_REPLAYED = new Set([
  'content-length',
  'date',
  'connection',
  'keep-alive',
  'etag',
  'set-cookie',
  'x-kiji-served-by',
]);

/** The headers of Next's not-found response that the fast path sends again with its body. */
function replayable(response: ServerResponse): Record<string, string> {
  return Object.fromEntries(
    Object.entries(response.getHeaders())
      .filter(([name, value]) => !NOT_REPLAYED.has(name) && value !== undefined)
      .map(([name, value]) => [name, Array.isArray(value) ? value.join(', ') : String(value)]),
  );
}

/** What gets a validator from its bytes when Next sends none: feeds, sitemaps, robots.txt, images. */
const VALIDATED_TYPES = /^(application\/(rss\+xml|atom\+xml|xml)|text\/(xml|plain)|image\/)/;

/** Next's error shell: what a page's own notFound() renders, blank without its scripts. */
const ERROR_SHELL = 'id="__next_error__"';

type Write = ServerResponse['write'];
type End = ServerResponse['end'];

/**
 * Holds a response of Next's back until it ends, when it must be changed before it is sent:
 * - an HTML page is sent without scripts (lib/routes/script-free-document.ts, decision 0009), named
 *   by its bytes as the fast path names it, with 304 for that name; a 404 page teaches the fast
 *   path the not-found page;
 * - a 404 to a request for a document (not Next's client navigation) that is not the site's page (a route handler's plain text, Next's blank error shell) is
 *   replaced by the site's not-found page with its headers (`no-store`): every route kind's 404 is
 *   the same page;
 * - feeds, sitemaps, robots.txt and images get a validator from their bytes, and 304 for it; the
 *   ones whose handler says when they were made (`Last-Modified`: feeds, sitemaps, images) answer
 *   If-Modified-Since with 304 too, when the request has no If-None-Match (RFC 9110 §13.2.2);
 * - a server error while the database is down becomes the 503 page.
 * Anything else (redirects, responses already compressed) passes straight through.
 */
export function holdResponse(
  response: ServerResponse,
  request: { url: string; ifNoneMatch: string | undefined; ifModifiedSince?: string; wantsDocument: boolean },
): void {
  const { url, ifNoneMatch, ifModifiedSince, wantsDocument } = request;
  const write = response.write.bind(response) as (...args: unknown[]) => boolean;
  const end = response.end.bind(response) as (...args: unknown[]) => ServerResponse;
  const flushHeaders = response.flushHeaders.bind(response);
  const chunks: Buffer[] = [];
  let mode: 'undecided' | 'hold' | 'pass' = 'undecided';
  let isHtml = false;
  let validate = false;
  const decide = () => {
    if (mode === 'undecided') {
      const type = String(response.getHeader('content-type') ?? '');
      const encoded = !!response.getHeader('content-encoding');
      isHtml = type.startsWith('text/html') && !encoded;
      validate = response.statusCode === 200 && VALIDATED_TYPES.test(type) && !encoded && !response.getHeader('etag');
      const held =
        isHtml || validate || response.statusCode >= 500 || (response.statusCode === 404 && wantsDocument && !encoded);
      mode = held ? 'hold' : 'pass';
      if (mode === 'pass') Object.assign(response, { write, end, flushHeaders });
    }
    return mode;
  };
  const collect = (chunk: unknown, encoding?: unknown) => {
    if (chunk === undefined || chunk === null || typeof chunk === 'function') return;
    chunks.push(
      Buffer.isBuffer(chunk)
        ? chunk
        : Buffer.from(chunk as string, typeof encoding === 'string' ? (encoding as BufferEncoding) : 'utf8'),
    );
  };
  const sendPage = (status: number, headers: Record<string, string>, body: Buffer, done: unknown) => {
    for (const name of response.getHeaderNames()) if (name !== 'x-kiji-served-by') response.removeHeader(name);
    response.statusCode = status;
    for (const [name, value] of Object.entries(headers)) response.setHeader(name, value);
    response.setHeader('Content-Length', body.length);
    return end(body, done);
  };
  response.flushHeaders = () => {
    if (decide() === 'pass') flushHeaders();
  };
  response.write = ((chunk: unknown, encoding?: unknown, callback?: unknown) => {
    if (decide() === 'pass') return write(chunk, encoding, callback);
    collect(chunk, encoding);
    const done = typeof encoding === 'function' ? encoding : callback;
    if (typeof done === 'function') process.nextTick(done as () => void);
    return true;
  }) as Write;
  response.end = ((chunk?: unknown, encoding?: unknown, callback?: unknown) => {
    if (decide() === 'pass') return end(chunk, encoding, callback);
    collect(chunk, encoding);
    const done = [chunk, encoding, callback].find((value) => typeof value === 'function');
    // A public page that failed because the database is down (instrumentation.ts marks it) is a
    // 503 the reader and crawlers can act on, not a 500: this covers the routes the proxy does not.
    if (response.statusCode >= 500 && databaseMarkedDown() && !response.headersSent) {
      // The last good copy this instance sent, whatever its age, before the 503 page.
      const lastGood = wantsDocument ? lastGoodPage(url) : null;
      if (lastGood) return sendPage(200, { ...lastGood.headers, ...STALE_HEADERS }, lastGood.bodies.identity, done);
      const unavailable = serviceUnavailablePage('public');
      return sendPage(503, unavailable.headers, Buffer.from(unavailable.html, 'utf8'), done);
    }
    const body = Buffer.concat(chunks);
    if (
      response.statusCode === 404 &&
      wantsDocument &&
      !response.headersSent &&
      (!isHtml || body.includes(ERROR_SHELL))
    ) {
      const page = notFoundPage();
      if (page) return sendPage(404, { ...page.headers }, page.bodies.identity, done);
    }
    if (!isHtml && validate && !response.headersSent) {
      const etag = `"${createHash('sha1').update(body).digest('base64url')}"`;
      response.setHeader('ETag', etag);
      const lastModified = response.getHeader('last-modified');
      const unchanged = ifNoneMatch
        ? matchesEtag(ifNoneMatch, etag)
        : notModifiedSince(ifModifiedSince, typeof lastModified === 'string' ? lastModified : undefined);
      if (unchanged) {
        response.statusCode = 304;
        response.removeHeader('Content-Length');
        return end(done);
      }
      response.setHeader('Content-Length', body.length);
    }
    if (!isHtml) return end(body, done);
    const scriptFree = withoutScripts(body.toString('utf8'));
    const sent = scriptFree === null ? body : Buffer.from(scriptFree, 'utf8');
    if (scriptFree !== null) response.setHeader('Content-Security-Policy', scriptFreeCsp(scriptFree));
    // Next's validator names the page with its scripts, which no reader receives. A page sent
    // script-free is named by its own bytes, as the fast path names it (documentEtag): a render and
    // the cached copy of it share one validator, so a reader who polls (a live page's island, a
    // crawler) is answered 304 by either while the page is the same (docs/decisions/0040).
    const etag = response.statusCode === 200 && scriptFree !== null ? documentEtag(sent) : null;
    if (!response.headersSent) {
      response.removeHeader('ETag');
      if (etag) response.setHeader('ETag', etag);
      response.setHeader('Content-Length', sent.length);
    }
    if (response.statusCode === 404 && scriptFree !== null)
      learnNotFound(url, { body: sent, headers: replayable(response) });
    if (response.statusCode === 200 && scriptFree !== null && wantsDocument) {
      rememberGoodPage(url, { bodies: encodedBodies(sent), headers: replayable(response) });
    }
    if (etag && wantsDocument && !response.headersSent && matchesEtag(ifNoneMatch, etag)) {
      response.statusCode = 304;
      response.removeHeader('Content-Length');
      return end(done);
    }
    return end(sent, done);
  }) as End;
}
