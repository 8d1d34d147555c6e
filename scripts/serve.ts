import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { Server as NetServer } from 'node:net';
import path from 'node:path';

/**
 * Kiji's server, for `npm start` (production: `npm run build` bundles it into .next/kiji-server.mjs
 * with esbuild, so no TypeScript loader sits in the serving process) and `npm run dev` (`--dev`:
 * Next's development mode behind the very same steps, so what a developer sees is what readers get).
 * The composition root: it reads the configuration, prepares Next, and serves every request through
 * one ordered list of named steps (lib/server/pipeline.ts):
 *   head-as-get → gate → action-origin → canonical-redirect → client-address → fast-path → next
 * and on SIGTERM or SIGINT runs the one shutdown sequence (lib/platform/shutdown.ts): drain, stop the
 * scheduler and the change feed, stop listening once the requests in flight are answered, close
 * Next, close the database pool and Redis, exit. Finished renders are kept from piling up in memory
 * (lib/platform/render-leak-guard, decision 0010).
 */
const dev = process.argv.includes('--dev');
process.title = 'kiji-server';
const { runtime } = await import('../lib/platform/runtime.mjs');
// This process is Kiji's server, the composition root: it runs the shutdown sequence itself.
runtime().server = 'kiji';
// Before anything reads it (security headers decide on HSTS when they load).
(process.env as Record<string, string | undefined>).NODE_ENV ??= dev ? 'development' : 'production';
const { installRenderLeakGuard } = await import('../lib/platform/render-leak-guard');
installRenderLeakGuard();
const { default: next } = await import('next');
const { log } = await import('../lib/platform/logger.mjs');
const { metricsText } = await import('../lib/platform/metrics.mjs');
const { config, ConfigError } = await import('../lib/platform/config');
const { shutDown } = await import('../lib/platform/shutdown');
const { pipeline } = await import('../lib/server/pipeline');
const { headAsGet } = await import('../lib/server/steps/head');
const { gate } = await import('../lib/server/steps/gate');
const { actionOrigin } = await import('../lib/server/steps/action-origin');
const { canonicalRedirect } = await import('../lib/server/steps/canonical');
const { clientAddress } = await import('../lib/server/steps/client-address');
const { fastPath } = await import('../lib/server/steps/fast-path');
const { nextRender } = await import('../lib/server/steps/next-render');
const { primeNotFoundPage } = await import('../lib/cache/known-missing');
try {
  config();
} catch (error) {
  // Every bad variable in one message, before anything starts.
  if (!(error instanceof ConfigError)) throw error;
  console.error(`[kiji] ${error.message}`);
  process.exit(1);
}
const port = config().PORT;
const app = next({ dev, dir: process.cwd(), hostname: 'localhost', port });
await app.prepare();
// The site's not-found page, prerendered by the build, so that every 404 can be it from the first.
if (!dev) primeNotFoundPage(path.join(process.cwd(), '.next/server/app/_not-found.html'));

/**
 * Which path served a page (`fast-path`, or `next`), in a header, when KIJI_SERVED_BY_HEADER=1:
 * the tests assert it, so a Next upgrade that changes its cache format fails them instead of
 * silently sending every page through Next.
 */
const SERVED_BY = config().KIJI_SERVED_BY_HEADER ? 'x-kiji-served-by' : null;

/** The steps, in order. */
const STEPS = [
  headAsGet,
  gate,
  actionOrigin,
  canonicalRedirect,
  clientAddress(config().KIJI_TRUSTED_PROXIES),
  fastPath(SERVED_BY),
  nextRender(app.getRequestHandler(), SERVED_BY),
];
const handleRequest = pipeline(STEPS);

let stopping = false;
const server = createServer((request: IncomingMessage, response: ServerResponse) => {
  // Once shutting down, every response asks its client to close the connection.
  if (stopping) response.setHeader('Connection', 'close');
  handleRequest(request, response);
});
// Development: Next's hot reloading talks over WebSocket upgrades.
if (dev) server.on('upgrade', app.getUpgradeHandler());
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
  log.info('server_listening', { port, dev, message: `Kiji is listening on http://localhost:${port}` });
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
