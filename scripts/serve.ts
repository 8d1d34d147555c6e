import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { Server as NetServer } from 'node:net';
import type { EncodedBodies } from '../lib/cache/content-coding';

/**
 * Kiji's production server (`npm start`). `npm run build` bundles it into .next/kiji-server.mjs
 * (esbuild), so no TypeScript loader sits in the serving process. Next's request handler behind a
 * thin layer that
 * - answers a public page the shared store holds fresh straight from it (lib/cache/cached-document.ts);
 * - sends public pages as script-free documents under a policy that allows no script
 *   (lib/routes/script-free-document.ts, docs/decisions/0009-script-free-public-pages.md);
 * - compresses responses (Next's own compression would run inside that layer and hide the HTML);
 * - on SIGTERM or SIGINT runs the one shutdown sequence (lib/platform/shutdown.ts): drain, stop the
 *   scheduler and the change feed, stop listening once the requests in flight are answered, close
 *   Next, close the database pool and Redis, exit;
 * - keeps finished renders from piling up in memory (lib/platform/render-leak-guard, decision 0010).
 */
process.title = 'kiji-server';
const { runtime } = await import('../lib/platform/runtime.mjs');
// This process is Kiji's server, the composition root: it runs the shutdown sequence itself.
runtime().server = 'kiji';
// Before anything reads it (security headers decide on HSTS when they load).
(process.env as Record<string, string | undefined>).NODE_ENV ??= 'production';
const { installRenderLeakGuard } = await import('../lib/platform/render-leak-guard');
installRenderLeakGuard();
const { default: compression } = await import('compression');
const { default: next } = await import('next');
const { BASE_HEADER_VALUES, SCRIPT_FREE_CSP } = await import('../lib/platform/security-headers');
const { isPublicDocumentRequest, withoutScripts } = await import('../lib/routes/script-free-document');
const { cachedDocument, matchesEtag } = await import('../lib/cache/cached-document');
const { bodyIn, negotiateCoding } = await import('../lib/cache/content-coding');
const { isKnownMissing, learnNotFound, notFoundPage } = await import('../lib/cache/known-missing');
const { reportCacheFailure } = await import('../lib/cache/failures.mjs');
const { log } = await import('../lib/platform/logger.mjs');
const { metrics, metricsText } = await import('../lib/platform/metrics.mjs');
const { parsedRequest } = await import('../lib/routes/parsed-requests');
const { databaseMarkedDown } = await import('../lib/platform/db-availability');
const { serviceUnavailablePage } = await import('../lib/platform/service-unavailable');
const { config, ConfigError } = await import('../lib/platform/config');
const { shutDown } = await import('../lib/platform/shutdown');
const { DISCARD_LIMIT_BYTES, refuseBeforeReading } = await import('../lib/platform/request-gate');
const { areaOf, withoutTrailingSlash } = await import('../lib/routes/registry');
const { CLIENT_ADDRESS_HEADER, parseTrustedProxies, resolveClientAddress } =
  await import('../lib/platform/client-address');
try {
  config();
} catch (error) {
  // Every bad variable in one message, before anything starts.
  if (!(error instanceof ConfigError)) throw error;
  console.error(`[kiji] ${error.message}`);
  process.exit(1);
}
const port = config().PORT;
const trustedProxies = parseTrustedProxies(config().KIJI_TRUSTED_PROXIES);
const app = next({ dev: false, dir: process.cwd(), hostname: 'localhost', port });
await app.prepare();
const handle = app.getRequestHandler();
const compress = compression();

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

type Write = ServerResponse['write'];
type End = ServerResponse['end'];

/**
 * Holds an HTML response back until it ends, then sends it without scripts. Anything else (feeds,
 * images, redirects with no body) passes straight through, unless it is a server error, which is
 * held so that an outage can answer the 503 page instead.
 */
function sendScriptFree(response: ServerResponse, url: string, ifNoneMatch: string | undefined): void {
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
      isHtml = type.startsWith('text/html') && !response.getHeader('content-encoding');
      // Feeds, sitemaps, robots.txt and images get a validator made from their bytes.
      validate =
        response.statusCode === 200 &&
        VALIDATED_TYPES.test(type) &&
        !response.getHeader('content-encoding') &&
        !response.getHeader('etag');
      // Server errors are held too (feeds, sitemaps): during an outage they become the 503 page.
      mode = isHtml || validate || response.statusCode >= 500 ? 'hold' : 'pass';
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
      const unavailable = serviceUnavailablePage('public');
      response.statusCode = 503;
      for (const [name, value] of Object.entries(unavailable.headers)) response.setHeader(name, value);
      const body = Buffer.from(unavailable.html, 'utf8');
      response.setHeader('Content-Length', body.length);
      return end(body, done);
    }
    const html = Buffer.concat(chunks);
    if (!isHtml && validate && !response.headersSent) {
      const etag = `"${createHash('sha1').update(html).digest('base64url')}"`;
      response.setHeader('ETag', etag);
      if (matchesEtag(ifNoneMatch, etag)) {
        response.statusCode = 304;
        response.removeHeader('Content-Length');
        return end(done);
      }
      response.setHeader('Content-Length', html.length);
    }
    if (!isHtml) return end(html, done);
    const scriptFree = withoutScripts(html.toString('utf8'));
    const body = scriptFree === null ? html : Buffer.from(scriptFree, 'utf8');
    if (scriptFree !== null) response.setHeader('Content-Security-Policy', SCRIPT_FREE_CSP);
    if (!response.headersSent) response.setHeader('Content-Length', body.length);
    if (response.statusCode === 404 && scriptFree !== null) learnNotFound(url, { body, headers: replayable(response) });
    return end(body, done);
  }) as End;
}

/**
 * Which path served a page (`fast-path`, or `next`), in a header, when KIJI_SERVED_BY_HEADER=1:
 * the tests assert it, so a Next upgrade that changes its cache format fails them instead of
 * silently sending every page through Next.
 */
const SERVED_BY = config().KIJI_SERVED_BY_HEADER ? 'x-kiji-served-by' : null;

/**
 * 304s come from the fast path only, which answers them for a page it knows exists and is fresh.
 * Next would answer its prerendered 404 page with a 304 too (the proxy serves a missing article as
 * that page), telling a crawler that a missing URL is unchanged; Next's own static assets keep
 * theirs.
 */
const requestPath = (request: IncomingMessage) => (request.url ?? '/').split('?')[0]!;

function withoutConditionals(request: IncomingMessage): void {
  if (areaOf(requestPath(request)) === 'asset') return;
  delete request.headers['if-none-match'];
  delete request.headers['if-modified-since'];
}

/**
 * A page the fast path holds (a cached render, or the known not-found page), in the coding the
 * reader accepts, from the copies compressed once per render (lib/cache/content-coding.ts).
 */
async function sendCompressedOnce(
  request: IncomingMessage,
  response: ServerResponse,
  status: 200 | 404,
  page: { bodies: EncodedBodies; headers: Readonly<Record<string, string>> },
): Promise<void> {
  const { body, coding } = await bodyIn(page.bodies, negotiateCoding(request.headers['accept-encoding']));
  response.writeHead(status, {
    ...page.headers,
    ...(coding === 'identity' ? {} : { 'Content-Encoding': coding }),
    'Content-Length': String(body.length),
    ...(SERVED_BY ? { [SERVED_BY]: 'fast-path' } : {}),
  });
  response.end(body);
}

let stopping = false;
const server = createServer((request: IncomingMessage, response: ServerResponse) => {
  // Once shutting down, every response asks its client to close the connection.
  if (stopping) response.setHeader('Connection', 'close');
  const started = performance.now();
  const requested = parsedRequest(request.url);
  const route = requested.kind;
  response.once('finish', () => metrics.requests().inc({ route, status: String(response.statusCode) }));
  // Kept for the validators this server makes; Next never sees it (withoutConditionals).
  const ifNoneMatch = request.headers['if-none-match'];
  const refusal = refuseBeforeReading(request.method, request.url, request.headers['content-length']);
  if (refusal) {
    // The body is never kept: what the client still sends is discarded as it arrives, and past
    // DISCARD_LIMIT_BYTES the connection is dropped.
    let discarded = 0;
    request.on('data', (chunk: Buffer) => {
      discarded += chunk.length;
      if (discarded > DISCARD_LIMIT_BYTES) request.socket.destroy();
    });
    response.writeHead(refusal.status, refusal.headers).end(refusal.body);
    return;
  }
  const canonical = withoutTrailingSlash(request.url ?? '/');
  if (canonical !== null && (request.method === 'GET' || request.method === 'HEAD')) {
    response
      .writeHead(308, { ...BASE_HEADER_VALUES, Location: canonical, 'Cache-Control': 'public, max-age=3600' })
      .end();
    return;
  }
  // The one address the data layer believes (lib/platform/client-address.ts); a client's own
  // value under this name is replaced, never passed on.
  request.headers[CLIENT_ADDRESS_HEADER] = resolveClientAddress(
    request.socket.remoteAddress,
    request.headers['x-forwarded-for'],
    trustedProxies,
  );
  // Next's responses are compressed per request; the fast path sends copies compressed once per
  // render (lib/cache/content-coding.ts), so it never passes through the middleware.
  const compressed = (then: () => void) => compress(request as never, response as never, then);
  if (!isPublicDocumentRequest(request.method, request.url, request.headers)) {
    compressed(() => {
      // Images made from articles and uploads get a validator from their bytes, as feeds do.
      if (request.method === 'GET' && areaOf(requestPath(request)) === 'media') {
        sendScriptFree(response, request.url ?? '/', ifNoneMatch);
      }
      withoutConditionals(request);
      void handle(request, response);
    });
    return;
  }
  void cachedDocument(requested)
    .catch((error: unknown) => {
      reportCacheFailure('entry-read', error);
      return null;
    })
    .then(async (document) => {
      metrics.cacheLookups().inc({ layer: 'fast-path', result: document ? 'hit' : 'miss' });
      if (document && matchesEtag(request.headers['if-none-match'], document.headers.ETag!)) {
        const { 'Content-Type': _type, ...validators } = document.headers;
        response.writeHead(304, { ...validators, ...(SERVED_BY ? { [SERVED_BY]: 'fast-path' } : {}) }).end();
        return;
      }
      if (document) {
        await sendCompressedOnce(request, response, 200, document);
        return;
      }
      // A page the store does not hold may be one the server already knows is missing.
      const missing = notFoundPage();
      const known = missing ? await isKnownMissing(requested).catch(() => false) : false;
      if (missing && known) {
        await sendCompressedOnce(request, response, 404, missing);
        return;
      }
      compressed(() => {
        if (SERVED_BY) response.setHeader(SERVED_BY, 'next');
        response.once('finish', () => metrics.renderSeconds().observe({ route }, (performance.now() - started) / 1000));
        sendScriptFree(response, request.url ?? '/', ifNoneMatch);
        withoutConditionals(request);
        void handle(request, response);
      });
    });
});
// A port that cannot be had is a failed start: one line that says what to do, and a non-zero exit.
server.once('error', (error: NodeJS.ErrnoException) => {
  const reason =
    error.code === 'EADDRINUSE'
      ? `port ${port} is already in use: stop whatever listens there, or start Kiji on another port (PORT=3001 npm start)`
      : error.code === 'EACCES'
        ? `port ${port} needs privileges this process lacks: choose a port above 1023 (PORT=3000 npm start)`
        : `could not listen on port ${port}: ${error.message}`;
  console.error(`[kiji] Kiji could not start: ${reason}`);
  process.exit(1);
});
server.listen(port, () => {
  log.info('server_listening', { port, message: `Kiji is listening on http://localhost:${port}` });
  console.log(`[kiji] Open http://localhost:${port}/`);
});

/**
 * Prometheus metrics on a port of their own, on the loopback interface only: operators (and a
 * scraper beside the process) reach them, readers and nginx never do. Off unless KIJI_METRICS_PORT.
 */
const metricsPort = config().KIJI_METRICS_PORT;
const metricsServer = metricsPort
  ? createServer((request, response) => {
      if (request.method !== 'GET' || request.url !== '/metrics') {
        response.writeHead(404).end();
        return;
      }
      void metricsText().then(({ contentType, body }) =>
        response.writeHead(200, { 'Content-Type': contentType }).end(body),
      );
    })
  : null;
metricsServer?.once('error', (error) => {
  console.error(`[kiji] Kiji could not start its metrics on 127.0.0.1:${metricsPort}: ${error.message}`);
  process.exit(1);
});
metricsServer?.listen(metricsPort, '127.0.0.1', () =>
  log.info('metrics_listening', { url: `http://127.0.0.1:${metricsPort}/metrics` }),
);

/**
 * Stopping listening without dropping anyone, the server's step of the shutdown sequence
 * (lib/platform/shutdown.ts):
 * 1. for GRACE_MS, keep accepting: connections the kernel has already queued for this process
 *    (a busy event loop accepts them late) would be reset if the listening socket closed under
 *    them; every response now says `Connection: close`;
 * 2. then stop listening, without http.Server#close, which would also destroy connections whose
 *    request has not been read yet; close the idle ones as they become idle, until none is left.
 */
const GRACE_MS = 1_000;
function stopListening(): Promise<void> {
  return new Promise((resolve) => {
    setTimeout(() => {
      NetServer.prototype.close.call(server, () => resolve());
      metricsServer?.close();
      server.closeIdleConnections();
      setInterval(() => server.closeIdleConnections(), 100).unref();
    }, GRACE_MS);
  });
}

for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    void shutDown(signal, { stopListening, closeNext: () => app.close() }).finally(() => process.exit(0));
  });
}
