import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { Server as NetServer } from 'node:net';
import path from 'node:path';

/**
 * Kiji's server, for `npm start` (production: `npm run build` bundles it into .next/kiji-server.mjs
 * with esbuild, so no TypeScript loader sits in the serving process) and `npm run dev` (`--dev`:
 * Next's development mode behind the very same steps, so what a developer sees is what readers get).
 * The composition root, and the server's part of the one start-up story (lib/platform/startup.ts):
 *   configuration → database → next → runtime services → http server → health
 * each stage below starting in that order and handing back its stop; SIGTERM or SIGINT stops them
 * in reverse, within SERVER_STOP_BOUND_MS, and the process exits 0 (1 if a stop failed or ran out
 * of time). Every request goes through one ordered list of named steps (lib/server/pipeline.ts):
 *   head-as-get → gate → action-origin → canonical-redirect → client-address → fast-path → next
 */
const dev = process.argv.includes('--dev');
process.title = 'kiji-server';
// Before anything reads it (security headers decide on HSTS when they load).
(process.env as Record<string, string | undefined>).NODE_ENV ??= dev ? 'development' : 'production';
const { SERVER_STOP_BOUND_MS, startStory, stopOnSignals } = await import('../lib/platform/startup');
const { log } = await import('../lib/platform/logger.mjs');
const { config, ConfigError } = await import('../lib/platform/config');
const { runtime } = await import('../lib/platform/runtime.mjs');
const { markDraining } = await import('../lib/platform/draining');

/** Once the server stops listening, how long it still accepts what the kernel already queued. */
const GRACE_MS = 1_000;
/** Next, once the `next` stage has prepared it; the `http server` stage hands it the requests. */
let nextApp: ReturnType<typeof import('next').default> | undefined;

const story = startStory(
  'server',
  {
    configuration: async () => {
      // Every bad variable in one message, before anything starts.
      config();
    },

    // The launcher migrated the schema; the pool opens on first use, in Next's bundle. Closed last,
    // through the registry: this bundle never loads Prisma.
    database: async () => async () => {
      await runtime().prisma?.$disconnect();
    },

    next: async () => {
      // Finished renders are kept from piling up in memory (decision 0010): before Next loads.
      const { installRenderLeakGuard } = await import('../lib/platform/render-leak-guard');
      installRenderLeakGuard();
      // The store keeps public pages as this server sends them (script-free), before Next renders any.
      runtime().pageDocument = (await import('../lib/server/cached-document')).pageDocument;
      const { default: next } = await import('next');
      const app = next({ dev, dir: process.cwd(), hostname: 'localhost', port: config().PORT });
      await app.prepare();
      if (!dev) {
        // In production Next loads instrumentation.ts on its first request; the story needs what it
        // hands over (the runtime services) before the first request, so it is loaded now. Next's
        // own later call finds it done. (In development, prepare() has loaded it.)
        const { ensureInstrumentationRegistered } =
          await import('next/dist/server/lib/router-utils/instrumentation-globals.external.js');
        await ensureInstrumentationRegistered(process.cwd(), '.next');
        // The site's not-found page, prerendered by the build, so that every 404 can be it from the first.
        const { primeNotFoundPage } = await import('../lib/cache/known-missing');
        primeNotFoundPage(path.join(process.cwd(), '.next/server/app/_not-found.html'));
      }
      nextApp = app;
      return () => app.close();
    },

    'runtime services': async () => {
      const start = runtime().startRuntimeServices;
      if (!start) throw new Error('Next did not load instrumentation.ts, which hands over the runtime services');
      return start();
    },

    'http server': async () => {
      const app = nextApp!;
      const { pipeline } = await import('../lib/server/pipeline');
      const { headAsGet } = await import('../lib/server/steps/head');
      const { gate } = await import('../lib/server/steps/gate');
      const { actionOrigin } = await import('../lib/server/steps/action-origin');
      const { canonicalRedirect } = await import('../lib/server/steps/canonical');
      const { clientAddress } = await import('../lib/server/steps/client-address');
      const { fastPath } = await import('../lib/server/steps/fast-path');
      const { nextRender } = await import('../lib/server/steps/next-render');
      const { metricsText } = await import('../lib/platform/metrics.mjs');
      /**
       * Which path served a page (`fast-path`, or `next`), in a header, when KIJI_SERVED_BY_HEADER=1:
       * the tests assert it, so a Next upgrade that changes its cache format fails them instead of
       * silently sending every page through Next.
       */
      const servedBy = config().KIJI_SERVED_BY_HEADER ? 'x-kiji-served-by' : null;
      const handleRequest = pipeline([
        headAsGet,
        gate,
        actionOrigin,
        canonicalRedirect,
        clientAddress(config().KIJI_TRUSTED_PROXIES),
        fastPath(servedBy),
        nextRender(app.getRequestHandler(), servedBy),
      ]);

      let closing = false;
      const server = createServer((request: IncomingMessage, response: ServerResponse) => {
        // Once shutting down, every response asks its client to close the connection.
        if (closing) response.setHeader('Connection', 'close');
        handleRequest(request, response);
      });
      // Development: Next's hot reloading talks over WebSocket upgrades.
      if (dev) server.on('upgrade', app.getUpgradeHandler());
      const port = config().PORT;
      await listen(server, port, undefined, (error) =>
        error.code === 'EADDRINUSE'
          ? `port ${port} is already in use: stop whatever listens there, or start Kiji on another port (PORT=3001 npm start)`
          : error.code === 'EACCES'
            ? `port ${port} needs privileges this process lacks: choose a port above 1023 (PORT=3000 npm start)`
            : `could not listen on port ${port}: ${error.message}`,
      );
      log.info('server_listening', { port, dev, message: `Kiji is listening on http://localhost:${port}` });

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
      if (metricsServer) {
        await listen(
          metricsServer,
          metricsPort!,
          '127.0.0.1',
          (error) => `its metrics could not listen on 127.0.0.1:${metricsPort}: ${error.message}`,
        ).catch((error: Error) => {
          server.close();
          throw error;
        });
        log.info('metrics_listening', { url: `http://127.0.0.1:${metricsPort}/metrics` });
      }

      /**
       * Stopping listening without dropping anyone:
       * 1. for GRACE_MS, keep accepting: connections the kernel has already queued for this process
       *    (a busy event loop accepts them late) would be reset if the listening socket closed under
       *    them; every response now says `Connection: close`;
       * 2. then stop listening, without http.Server#close, which would also destroy connections whose
       *    request has not been read yet; close the idle ones as they become idle, until none is left.
       */
      return async () => {
        closing = true;
        await new Promise((resolve) => setTimeout(resolve, GRACE_MS));
        const idle = setInterval(() => server.closeIdleConnections(), 100);
        try {
          await new Promise<void>((resolve) => {
            NetServer.prototype.close.call(server, () => resolve());
            metricsServer?.close();
            server.closeIdleConnections();
            log.info('server_closed', { message: 'no longer listening; answering the requests in flight' });
          });
        } finally {
          clearInterval(idle);
        }
      };
    },

    health: async () => {
      // Printed once it listens (the line `npm start` users and the tests wait for).
      console.log(`[kiji] Open http://localhost:${config().PORT}/`);
      return async (reason) => {
        // Health checks answer 503 `draining` from now on, so load balancers stop sending.
        markDraining();
        log.info('server_draining', { signal: reason, message: 'draining requests in flight' });
      };
    },
  },
  {
    boundMs: SERVER_STOP_BOUND_MS,
    report: ({ event, ...detail }) =>
      event === 'stage_started' || event === 'stage_stopped' ? log.debug(event, detail) : log.error(event, detail),
  },
);

stopOnSignals(story, (signal, outcome) => {
  if (outcome.clean)
    log.info('server_stopped', { signal, message: 'requests drained; database pool and cache connection closed' });
  process.exit(outcome.clean ? 0 : 1);
});

try {
  await story.started;
} catch (error) {
  // A failed start: one line that says what to do, and a non-zero exit (the started stages are stopped).
  const message = error instanceof Error ? error.message : String(error);
  console.error(error instanceof ConfigError ? `[kiji] ${message}` : `[kiji] Kiji could not start: ${message}`);
  process.exit(1);
}

function listen(
  server: ReturnType<typeof createServer>,
  port: number,
  host: string | undefined,
  reason: (error: NodeJS.ErrnoException) => string,
): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => reject(new Error(reason(error))));
    if (host) server.listen(port, host, () => resolve());
    else server.listen(port, () => resolve());
  });
}
