import 'server-only';
import type { Actor } from '../auth/actor';
import { config } from '../platform/config';
import { log } from '../platform/logger.mjs';
import { metrics } from '../platform/metrics.mjs';
import { publishDueArticles } from './editing';

/**
 * Publishes scheduled articles when their time comes, with nobody acting and across restarts (the
 * schedule lives in the database). Each instance ticks in its own process and publishes through
 * the one writer (lib/editorial/editing.ts): rows are claimed with FOR UPDATE SKIP LOCKED, so however
 * many instances tick at once, each publication happens once. Readers on every instance see it
 * through the change feed (lib/cache/change-feed.ts), not through a request to this process.
 */
export const schedulerActor: Actor = { kind: 'system', name: 'scheduler' };

const holder = globalThis as typeof globalThis & {
  kijiScheduler?: { interval: NodeJS.Timeout; running: Promise<void> | null };
};
let lastErrorLog = 0;

async function tick(): Promise<void> {
  try {
    const published = await publishDueArticles(schedulerActor);
    metrics.schedulerRuns().inc({ outcome: 'ok' });
    if (published.length > 0) {
      metrics.scheduledPublications().inc(published.length);
      log.info('scheduler_published', { slugs: published });
    }
  } catch (error) {
    metrics.schedulerRuns().inc({ outcome: 'failed' });
    // The database may be down: the next tick tries again. One line a minute at most.
    if (Date.now() - lastErrorLog > 60_000) {
      lastErrorLog = Date.now();
      log.error('scheduler_failed', { message: (error as Error).message });
    }
  }
}

function runTick() {
  const state = holder.kijiScheduler;
  if (!state || state.running) return; // a slow tick is never overlapped by the next
  state.running = tick().finally(() => {
    state.running = null;
  });
}

export function startScheduler(): void {
  const interval = config().KIJI_SCHEDULER_INTERVAL_MS;
  if (holder.kijiScheduler || interval <= 0) return;
  holder.kijiScheduler = { interval: setInterval(runTick, interval), running: null };
  holder.kijiScheduler.interval.unref();
  runTick();
}

/** No new ticks once the process is shutting down; a tick in flight is waited for. */
export async function stopScheduler(): Promise<void> {
  const state = holder.kijiScheduler;
  if (!state) return;
  clearInterval(state.interval);
  await state.running;
}
