import 'server-only';
import { revalidateTag } from 'next/cache';
import { tagsForArticleChange, type ArticleChange } from './cache-tags';
import { forgetTags } from './route-memo';

/**
 * Expires every cache entry an article write touched, at once: the next request renders fresh
 * (`{ expire: 0 }`, no stale-while-revalidate), so no reader sees the old page once the editor
 * has been told the change is live.
 */
export function expireArticleChange(change: ArticleChange): string[] {
  const tags = tagsForArticleChange(change);
  // Outside a Next server (scripts, integration tests) there is no cache to expire.
  if (process.env.NEXT_RUNTIME) for (const tag of tags) revalidateTag(tag, { expire: 0 });
  forgetTags(tags);
  return tags;
}
