import 'server-only';
import { stopWebhookSender, startWebhookSender } from '../api/webhook-sender';
import { warmArticleTexts } from '../articles/site-settings';
import { warmBreaking } from '../editorial/breaking';
import { startChangeListener } from '../cache/change-feed';
import { cacheRaceWindowMs } from '../cache/next-cache-handler.mjs';
import { sharedStore } from '../cache/store.mjs';
import { startScheduler, stopScheduler } from '../editorial/scheduler';
import { config } from '../platform/config';
import { warnAboutPoolBudget } from '../platform/db-health';
import { log } from '../platform/logger.mjs';
import { runtime } from '../platform/runtime.mjs';
import type { Stop } from '../platform/startup';

/** A start that must not hold the server back for long: after `ms`, it goes on without it. */
const atMost = (ms: number, work: Promise<unknown>) =>
  Promise.race([work.catch(() => {}), new Promise((resolve) => setTimeout(resolve, ms).unref())]);

/**
 * The start-up story's `runtime services` stage (lib/platform/startup.ts). They use Prisma and
 * Next's caches, so they live in Next's bundle: instrumentation.ts hands this function to the
 * story through the runtime registry, and Kiji's server calls it once Next is prepared, before it
 * listens. In order:
 * 1. the change feed: every committed change, by any writer on any machine, expires this
 *    instance's caches. Its first act expires everything, which would otherwise land on pages
 *    rendered in the meantime, so it is waited for, a little: the listener keeps trying;
 * 2. the caches: the pool budget checked, the sentences every article page shows (この記事について)
 *    read now rather than inside the first article view (each advice, bounded);
 * 3. the scheduler, which publishes scheduled articles;
 * 4. the webhook sender, which sends the outbox's webhooks (decision 0030).
 * Its stop, in reverse: the sender and the scheduler (a tick in flight finishes), the change feed,
 * then the shared store (the Redis connection).
 */
export async function startRuntimeServices(): Promise<Stop> {
  const { DATABASE_URL } = config();
  const changes = DATABASE_URL
    ? startChangeListener({
        connectionString: DATABASE_URL,
        expire: (tags, at) => sharedStore().expireTags(tags, at),
        firstExpiryBackdateMs: cacheRaceWindowMs(),
        log: (state, detail) =>
          log[state === 'listening' ? 'info' : 'error']('change_feed', { state, message: detail }),
      })
    : null;
  if (changes) await atMost(3_000, changes.ready);
  await atMost(1_000, warnAboutPoolBudget());
  await atMost(1_000, warmArticleTexts());
  await atMost(1_000, warmBreaking());
  startScheduler();
  startWebhookSender();
  return async () => {
    await Promise.allSettled([stopWebhookSender(), stopScheduler()]);
    await changes?.stop();
    await runtime().store?.close();
  };
}
