import { routes } from '../routes/registry';

/**
 * A tag's slug and its one canonical URL. Tags keep their Japanese names; the slug is the name
 * normalised (NFKC, so ＡＩ is AI; lower case; separators as hyphens), and /tag/<slug> is its page.
 * Any way of writing the name that normalises to the slug (生成AI, 生成ＡＩ, 生成Ai) is the same
 * tag, and its URL answers with a permanent redirect to the canonical one. Pure, with no
 * `server-only`: the writer, the public reads, the tag page and the proxy can all ask it.
 */
export function tagSlugFor(name: string): string {
  return name
    .normalize('NFKC')
    .trim()
    .toLowerCase()
    .replace(/[\s/?#%\\]+/g, '-');
}

/**
 * Where a request for the tag page `requested` (the slug as the URL gave it, decoded) should be
 * sent instead, or null when it is already the canonical URL.
 */
export function tagRedirectPath(requested: string, page = 1): string | null {
  const canonical = tagSlugFor(requested);
  return canonical === requested ? null : routes.tag.href(canonical, page);
}
