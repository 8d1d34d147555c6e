import 'server-only';
import { revalidateTag } from 'next/cache';
import { tagsForArticleChange, type ArticleChange } from './tags';
import { sharedStore } from './store.mjs';

/**
 * Expires cache tags at once (`{ expire: 0 }`, no stale-while-revalidate): the next request
 * renders fresh, so no reader sees the old page once the editor has been told the change is live.
 * The expiry is written to the shared store before this returns, so the proxy's route checks on
 * every instance see it by the editor's next click, not only when Next flushes its own
 * revalidations at the end of the request.
 */
export async function expireTags(tags: string[]): Promise<void> {
  await sharedStore().expireTags(tags, Date.now());
  // Outside a Next server (scripts, integration tests) Next has no cache to expire. Outside a
  // request (the scheduler's tick) Next refuses revalidateTag; the store's expiry above is what
  // every read checks, so nothing is lost.
  if (!process.env.NEXT_RUNTIME) return;
  try {
    for (const tag of tags) revalidateTag(tag, { expire: 0 });
  } catch (error) {
    if (!/static generation store missing/.test(String((error as Error).message))) throw error;
  }
}

export async function expireArticleChange(change: ArticleChange): Promise<string[]> {
  const tags = tagsForArticleChange(change);
  await expireTags(tags);
  return tags;
}
