import type { Instrumentation } from 'next';
import { isDatabaseUnavailable, markDatabaseDown } from './lib/platform/db-availability';

export async function register() {
  // The scheduler runs in each server process, never during `next build`.
  if (process.env.NEXT_RUNTIME !== 'nodejs' || process.env.NEXT_PHASE === 'phase-production-build') return;
  // For `next start` and `next dev`; Kiji's server installs it before Next loads.
  const { installRenderLeakGuard } = await import('./lib/platform/render-leak-guard');
  installRenderLeakGuard();
  const { startScheduler } = await import('./lib/editorial/scheduler');
  const { stopBackgroundWorkOnSignals } = await import('./lib/platform/shutdown');
  const { runtime } = await import('./lib/platform/runtime.mjs');
  const { startChangeListener } = await import('./lib/cache/change-feed');
  const { sharedStore } = await import('./lib/cache/store.mjs');
  const { cacheRaceWindowMs } = await import('./lib/cache/next-cache-handler.mjs');
  const { config } = await import('./lib/platform/config');
  const { log } = await import('./lib/platform/logger.mjs');
  // Fails the start with every bad variable named (`npm start` checks before Next loads).
  const { DATABASE_URL } = config();
  // Every committed change, by any writer on any machine, expires this instance's caches.
  const changes = DATABASE_URL
    ? startChangeListener({
        connectionString: DATABASE_URL,
        expire: (tags, at) => sharedStore().expireTags(tags, at),
        firstExpiryBackdateMs: cacheRaceWindowMs(),
        log: (state, detail) =>
          log[state === 'listening' ? 'info' : 'error']('change_feed', { state, message: detail }),
      })
    : null;
  // Before the first request: the listener's first act expires everything, which would otherwise
  // land on pages rendered in the meantime. A database that is not up yet must not hold the start
  // back for long; the listener keeps trying.
  if (changes) await Promise.race([changes.ready, new Promise((resolve) => setTimeout(resolve, 3_000).unref())]);
  if (changes) runtime().changeFeed = changes;
  startScheduler();
  // Webhooks written to the outbox by any writer are sent from here, by any instance (decision 0030).
  const { startWebhookSender } = await import('./lib/api/webhook-sender');
  startWebhookSender();
  // Kiji's server runs the whole shutdown sequence (lib/platform/shutdown.ts); under `next start`
  // or `next dev`, Next owns the signals, and only the background work is Kiji's to stop.
  if (runtime().server !== 'kiji') stopBackgroundWorkOnSignals();
  const { warnAboutPoolBudget } = await import('./lib/platform/db-health');
  // Next awaits register() before it serves, so the check's one query is done before the first
  // request (it would otherwise land inside the first page view). A database that is not up yet
  // must not hold the start back for long: the check is advice.
  await Promise.race([warnAboutPoolBudget(), new Promise((resolve) => setTimeout(resolve, 1_000).unref())]);
  // The sentences every article page shows (この記事について), read once now rather than inside the
  // first article view; an admin's edit expires them by tag like any other setting.
  const { warmArticleTexts } = await import('./lib/articles/site-settings');
  await Promise.race([
    warmArticleTexts().catch(() => {}),
    new Promise((resolve) => setTimeout(resolve, 1_000).unref()),
  ]);
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
