// @ts-check
// All of this process's mutable state, in one typed place. Kiji runs as one process holding two
// bundles of the same modules (Kiji's server, scripts/serve.ts, and Next's server code), plus the
// cache handler Next loads on its own; module-level variables would exist once per bundle, so the
// state they share lives here, on globalThis, under one key. lib/platform/runtime.test.ts fails on
// module-level mutable state anywhere else in lib/. Plain JavaScript, checked by the compiler,
// because the cache modules Next loads outside the bundle use it too.

/**
 * @typedef {object} Runtime
 * @property {import('./config').Config} [config] The parsed configuration (lib/platform/config.ts).
 * @property {number | null} databaseDownSince When a connection or query last failed, until a probe succeeds.
 * @property {{ last: number; running: Promise<boolean> | null }} databaseProbe
 * @property {boolean} draining Told to stop: answering the requests in flight, and 503 to health checks.
 * @property {import('../generated/prisma/client').PrismaClient} [prisma]
 * @property {import('pg').Pool} [pool]
 * @property {Set<(event: { query: string; params: string; duration: number }) => void>} queryListeners
 * @property {import('../auth/auth').KijiAuth} [auth] Better Auth's instance (lib/auth/auth.ts).
 * @property {{ interval: NodeJS.Timeout; running: Promise<void> | null; lastErrorLog: number; lastPrune: number }} [scheduler]
 * @property {() => Promise<import('./startup').Stop>} [startRuntimeServices] Starts the runtime services that live in
 *   Next's bundle (lib/server/services.ts) and hands back their stop: put here by instrumentation.ts, called by the
 *   start-up story's `runtime services` stage (lib/platform/startup.ts, scripts/serve.ts).
 * @property {() => Promise<void>} [schedulerStop] Stops the scheduler (lib/editorial/scheduler.ts), set when it starts
 *   (the start-up story stops it through lib/server/services.ts).
 * @property {{ interval: NodeJS.Timeout; running: Promise<void> | null }} [webhookSender] The outbox's sender (lib/api/webhook-sender.ts).
 * @property {() => Promise<void>} [webhookStop] Stops the webhook sender, set when it starts (the start-up story stops it
 *   through lib/server/services.ts).
 * @property {Map<string, Promise<import('../cache/store-types').MemoRecord>>} memoInFlight Loads in flight, by memo key:
 *   the record each will store (lib/cache/shared-memo.ts).
 * @property {Map<string, import('../routes/public-routes').RequestedRoute>} parsedRequests Recent request URLs, parsed
 *   (lib/routes/parsed-requests.ts).
 * @property {(pathname: string, html: string) => string} [pageDocument] What the shared store keeps of a page Next
 *   rendered: the document the server sends for it (lib/server/cached-document.ts, `pageDocument`), set by the server
 *   before Next renders (scripts/serve.ts); unset (a build's prerender), the store keeps Next's HTML.
 * @property {Map<string, import('../server/cached-document').ScriptFreeRender>} cachedBodies Script-free page bodies,
 *   their compressed copies and headers, by cache entry and render time.
 * @property {{ page: import('../cache/known-missing').KnownNotFoundPage | null; paths: Set<string> }} notFound
 *   The not-found page as Next last sent it, and paths no route of this build matches (lib/cache/known-missing.ts).
 * @property {{ pages: Map<string, import('../cache/last-good').LastGoodPage>; bytes: number }} lastGood The last good copy of
 *   each public page this instance sent, for a database outage (lib/cache/last-good.ts).
 * @property {import('../cache/store-types').SharedStore} [store]
 * @property {Map<string, { loggedAt: number; suppressed: number }>} cacheFailures
 * @property {import('pino').Logger} [logger]
 * @property {Promise<{ data: Buffer; covers: import('../crawlers/font-coverage').FontCoverage }>} [ogFont] The generated images' font
 *   and the characters it draws (lib/crawlers/generated-images.ts).
 * @property {boolean} renderLeakGuardInstalled
 * @property {import('../media/work-queue').WorkQueue} [imageQueue] Uploads being made into renditions, one at a time
 *   (lib/media/process.ts).
 */

/** @returns {Runtime} */
function create() {
  return {
    databaseDownSince: null,
    databaseProbe: { last: 0, running: null },
    draining: false,
    queryListeners: new Set(),
    memoInFlight: new Map(),
    cachedBodies: new Map(),
    parsedRequests: new Map(),
    notFound: { page: null, paths: new Set() },
    lastGood: { pages: new Map(), bytes: 0 },
    cacheFailures: new Map(),
    renderLeakGuardInstalled: false,
  };
}

/**
 * This process's state, on the one global Kiji declares (lib/platform/runtime-global.d.ts), so that
 * every bundle of the process finds the same registry.
 * @returns {Runtime}
 */
export function runtime() {
  globalThis.kijiRuntime ??= create();
  return globalThis.kijiRuntime;
}

/**
 * Next's incremental cache of the request under way: Next keeps the latest it made on
 * `globalThis.__incrementalCache`. The cache handler wraps its class's `set` (lib/cache/size-check.mjs).
 * @returns {object | undefined}
 */
export function nextIncrementalCache() {
  return globalThis.__incrementalCache;
}
