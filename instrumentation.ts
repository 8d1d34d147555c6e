import type { Instrumentation } from 'next';
import { isDatabaseUnavailable, markDatabaseDown } from './lib/platform/db-availability';

/**
 * Next loads this in its own bundle, where the runtime services live (they use Prisma and Next's
 * caches). It starts nothing: it hands their start to Kiji's start-up story through the runtime
 * registry, and the story starts them once Next is prepared and stops them when the process stops
 * (lib/platform/startup.ts, scripts/serve.ts). Kiji runs only under its own server; under a bare
 * `next start` or `next dev`, nothing of Kiji's runtime starts.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs' || process.env.NEXT_PHASE === 'phase-production-build') return;
  const { runtime } = await import('./lib/platform/runtime.mjs');
  const { startRuntimeServices } = await import('./lib/server/services');
  runtime().startRuntimeServices = startRuntimeServices;
}

/**
 * One JSON line per server error, with the request id (from the proxy in front, else a new one)
 * and Next's digest, which is all the reader's error page shows.
 */
export const onRequestError: Instrumentation.onRequestError = async (error, request, context) => {
  const header = request.headers['x-request-id'];
  const requestId = (Array.isArray(header) ? header[0] : header) ?? crypto.randomUUID();
  const failure = error as Error & { digest?: string };
  // A page that failed because the database is gone tells the proxy, which answers 503 from now on.
  const databaseDown = isDatabaseUnavailable(error);
  if (databaseDown) markDatabaseDown();
  const { log } = await import('./lib/platform/logger.mjs');
  log.error('request_failed', {
    requestId,
    method: request.method,
    path: request.path,
    route: context.routePath,
    digest: failure.digest,
    message: failure.message,
    databaseDown,
  });
};
