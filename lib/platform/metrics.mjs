// @ts-check
// Prometheus metrics (prom-client), for operators: `KIJI_METRICS_PORT` serves them on 127.0.0.1
// only (scripts/serve.ts), never on the public port. prom-client is loaded from node_modules by
// every bundle (next.config.ts serverExternalPackages), so Next's code and Kiji's server count into
// one registry; each metric is created once per process, whichever bundle asks first.
import client from 'prom-client';
import { runtime } from './runtime.mjs';

const { register } = client;

/**
 * @template {client.Metric<string>} M
 * @param {string} name
 * @param {() => M} create
 * @returns {M}
 */
function once(name, create) {
  return /** @type {M} */ (register.getSingleMetric(name)) ?? create();
}

export const metrics = {
  requests: () =>
    once(
      'kiji_http_requests_total',
      () =>
        new client.Counter({
          name: 'kiji_http_requests_total',
          help: 'HTTP requests answered, by kind of route and status',
          labelNames: ['route', 'status'],
        }),
    ),
  renderSeconds: () =>
    once(
      'kiji_render_seconds',
      () =>
        new client.Histogram({
          name: 'kiji_render_seconds',
          help: 'Time to answer a public page through Next (a render, or Next serving its own cache)',
          labelNames: ['route'],
          buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
        }),
    ),
  cacheLookups: () =>
    once(
      'kiji_cache_lookups_total',
      () =>
        new client.Counter({
          name: 'kiji_cache_lookups_total',
          help: 'Cache lookups, by layer (fast-path, memo, next) and result (hit, miss; waited-hit, waited-miss: a miss that waited for the render under way)',
          labelNames: ['layer', 'result'],
        }),
    ),
  cacheFailures: () =>
    once(
      'kiji_cache_failures_total',
      () =>
        new client.Counter({
          name: 'kiji_cache_failures_total',
          help: 'Cache operations that failed and were treated as misses, by kind',
          labelNames: ['kind'],
        }),
    ),
  schedulerRuns: () =>
    once(
      'kiji_scheduler_runs_total',
      () =>
        new client.Counter({
          name: 'kiji_scheduler_runs_total',
          help: 'Scheduler ticks, by outcome',
          labelNames: ['outcome'],
        }),
    ),
  scheduledPublications: () =>
    once(
      'kiji_scheduled_publications_total',
      () => new client.Counter({ name: 'kiji_scheduled_publications_total', help: 'Articles the scheduler published' }),
    ),
  notifications: () =>
    once(
      'kiji_change_notifications_total',
      () =>
        new client.Counter({
          name: 'kiji_change_notifications_total',
          help: 'Change notifications received from PostgreSQL',
        }),
    ),
  /** @param {() => 'none' | 'up' | 'degraded'} read */
  redisAvailable: (read) =>
    once(
      'kiji_redis_up',
      () =>
        new client.Gauge({
          name: 'kiji_redis_up',
          help: 'Whether this instance uses Redis (1), or serves from its own memory because Redis failed (0); absent without REDIS_URL',
          collect() {
            const state = read();
            if (state !== 'none') this.set(state === 'up' ? 1 : 0);
          },
        }),
    ),
  /** @param {() => { total: number; idle: number; waiting: number }} read */
  poolConnections: (read) =>
    once(
      'kiji_db_pool_connections',
      () =>
        new client.Gauge({
          name: 'kiji_db_pool_connections',
          help: 'Database pool connections, by state (total, idle, waiting requests)',
          labelNames: ['state'],
          collect() {
            const { total, idle, waiting } = read();
            this.set({ state: 'total' }, total);
            this.set({ state: 'idle' }, idle);
            this.set({ state: 'waiting' }, waiting);
          },
        }),
    ),
};

/**
 * Where the memory goes, by part: Node's own (heap spaces, external memory, array buffers, GC
 * pauses, RSS, from prom-client's default metrics) and Kiji's caches held in this process.
 */
function memoryByPart() {
  once('kiji_memory_entries', () => {
    client.collectDefaultMetrics({ prefix: 'kiji_' });
    return new client.Gauge({
      name: 'kiji_memory_entries',
      help: "Entries held in this process's memory, by part (memory store pages, memo answers, script-free bodies)",
      labelNames: ['part'],
      collect() {
        const state = runtime();
        const store =
          /** @type {{ entries?: Map<string, unknown>; memo?: Map<string, unknown>; bytes?: number } | undefined} */ (
            /** @type {unknown} */ (state.store)
          );
        this.set({ part: 'store_pages' }, store?.entries?.size ?? 0);
        this.set({ part: 'store_memo' }, store?.memo?.size ?? 0);
        this.set({ part: 'store_page_bytes' }, store?.bytes ?? 0);
        this.set({ part: 'script_free_bodies' }, state.cachedBodies.size);
        this.set({ part: 'memo_loads_in_flight' }, state.memoInFlight.size);
      },
    });
  });
}

/** The text Prometheus scrapes. */
export async function metricsText() {
  memoryByPart();
  return { contentType: register.contentType, body: await register.metrics() };
}
