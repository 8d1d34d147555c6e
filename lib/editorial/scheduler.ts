import 'server-only';
import type { Actor } from '../auth/actor';
import { config } from '../platform/config';
import { log } from '../platform/logger.mjs';
import { metrics } from '../platform/metrics.mjs';
import { publishDueArticles } from './scheduled-publication';
import { pruneSignInRecords } from '../auth/throttle';
import { pruneContactMessages } from './contact';
import { prunePresence } from './presence';
import { clearExpiredBreaking } from './breaking';
import { runtime } from '../platform/runtime.mjs';

/**
 * Publishes scheduled articles when their time comes, with nobody acting and across restarts (the
 * schedule lives in the database). Each instance ticks in its own process and publishes through
 * the one writer (lib/editorial/scheduled-publication.ts): rows are claimed with FOR UPDATE SKIP LOCKED, so however
 * many instances tick at once, each publication happens once. Readers on every instance see it
 * through the change feed (lib/cache/change-feed.ts), not through a request to this process.
 */
export const schedulerActor: Actor = { kind: 'system', name: 'scheduler' };

/** Sign-in counters and old failed sign-ins are pruned this often (lib/auth/throttle.ts). */
const PRUNE_EVERY_MS = 10 * 60_000;

async function tick(): Promise<void> {
  try {
    const published = await publishDueArticles(schedulerActor);
    metrics.schedulerRuns().inc({ outcome: 'ok' });
    if (published.length > 0) {
      metrics.scheduledPublications().inc(published.length);
      log.info('scheduler_published', { slugs: published });
    }
    // The 速報 banner comes down when its time is up, on every page (lib/editorial/breaking.ts).
    if (await clearExpiredBreaking()) log.info('breaking_expired', {});
    const state = runtime().scheduler;
    if (state && Date.now() - state.lastPrune >= PRUNE_EVERY_MS) {
      state.lastPrune = Date.now();
      const pruned = await pruneSignInRecords();
      if (pruned.throttles + pruned.audit > 0) log.info('sign_in_records_pruned', pruned);
      const messages = await pruneContactMessages(schedulerActor);
      if (messages > 0) log.info('contact_messages_pruned', { messages });
      const presence = await prunePresence(schedulerActor);
      if (presence > 0) log.info('editor_presence_pruned', { rows: presence });
    }
  } catch (error) {
    metrics.schedulerRuns().inc({ outcome: 'failed' });
    // The database may be down: the next tick tries again. One line a minute at most.
    const state = runtime().scheduler;
    if (state && Date.now() - state.lastErrorLog > 60_000) {
      state.lastErrorLog = Date.now();
      log.error('scheduler_failed', { message: (error as Error).message });
    }
  }
}

function runTick() {
  const state = runtime().scheduler;
  if (!state || state.running) return; // a slow tick is never overlapped by the next
  state.running = tick().finally(() => {
    state.running = null;
  });
}

export function startScheduler(): void {
  const interval = config().KIJI_SCHEDULER_INTERVAL_MS;
  const state = runtime();
  if (state.scheduler || interval <= 0) return;
  state.scheduler = { interval: setInterval(runTick, interval), running: null, lastErrorLog: 0, lastPrune: 0 };
  state.scheduler.interval.unref();
  state.schedulerStop = stopScheduler;
  runTick();
}

/** No new ticks once the process is shutting down; a tick in flight is waited for. */
export async function stopScheduler(): Promise<void> {
  const state = runtime().scheduler;
  if (!state) return;
  clearInterval(state.interval);
  await state.running;
}
