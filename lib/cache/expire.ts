import 'server-only';
import { revalidateTag } from 'next/cache';
import { log } from '../platform/logger.mjs';
import { oneLineFailure } from '../platform/failure-line';
import { tagsForArticleChange, type ArticleChange } from './tags';
import { isSharedExpiryDeferred, sharedStore } from './store.mjs';

/**
 * What a write could not do yet after its transaction committed: one line for the editor or the
 * command, or null when everything was done. The write itself is saved whatever this says.
 */
export type AfterCommit = string | null;

/** How long after a failed expiry it is tried again, one after another (each with the same `at`). */
const RETRY_DELAYS_MS = [1_000, 5_000, 30_000];

/**
 * Expires cache tags at once (`{ expire: 0 }`, no stale-while-revalidate): the next request
 * renders fresh, so no reader sees the old page once the editor has been told the change is live.
 * The expiry is written to the shared store before this returns, so the proxy's route checks on
 * every instance see it by the editor's next click, not only when Next flushes its own
 * revalidations at the end of the request.
 *
 * Writers call this after their transaction has committed, so it never throws: a failure is
 * logged in one line, tried again in the background, and returned as what is not done yet
 * (decision 0026). The change feed tells every running instance of the commit in any case, and a
 * Redis that missed an expiry is expired whole when it answers again (lib/cache/store.mjs).
 */
export async function expireTags(tags: string[]): Promise<AfterCommit> {
  const at = Date.now();
  const failure = await expireInStore(tags, at);
  revalidateInNext(tags);
  if (!failure) return null;
  log.warn('cache_expiry_deferred', { tags, message: failure });
  if (!isSharedExpiryDeferred(failure)) retryLater(tags, at, 0);
  return `キャッシュの失効（${oneLineFailure(failure)}）。稼働中のサイトには変更通知で届き、失効は自動で再試行されます`;
}

async function expireInStore(tags: string[], at: number): Promise<Error | null> {
  try {
    await sharedStore().expireTags(tags, at);
    return null;
  } catch (error) {
    return error instanceof Error ? error : new Error(String(error));
  }
}

function retryLater(tags: string[], at: number, attempt: number) {
  const delay = RETRY_DELAYS_MS[attempt];
  if (delay === undefined) return;
  // Unref'd: a command that has said what it saved exits without waiting for it.
  setTimeout(async () => {
    const failure = await expireInStore(tags, at);
    if (!failure || isSharedExpiryDeferred(failure)) return;
    log.warn('cache_expiry_deferred', { tags, attempt: attempt + 1, message: oneLineFailure(failure) });
    retryLater(tags, at, attempt + 1);
  }, delay).unref();
}

function revalidateInNext(tags: string[]) {
  // Outside a Next server (scripts, integration tests) Next has no cache to expire. Outside a
  // request (the scheduler's tick) Next refuses revalidateTag; the store's expiry above is what
  // every read checks, so nothing is lost.
  if (!process.env.NEXT_RUNTIME) return;
  try {
    for (const tag of tags) revalidateTag(tag, { expire: 0 });
  } catch (error) {
    if (!/static generation store missing/.test(String((error as Error).message)))
      log.warn('cache_expiry_deferred', { tags, message: oneLineFailure(error) });
  }
}

export async function expireArticleChange(
  change: ArticleChange,
  alsoExpire: string[] = [],
): Promise<{ tags: string[]; notDone: AfterCommit }> {
  const tags = [...new Set([...tagsForArticleChange(change), ...alsoExpire])];
  return { tags, notDone: await expireTags(tags) };
}
