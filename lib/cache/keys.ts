/**
 * The shared memo's keys, built in one place. A key is a branded string, so a reader cannot pass
 * a hand-written template: the proxy that stores an article's disclosure and the fast path that
 * reads it for the AI-Disclosure header name the same entry because they call the same function.
 * (Next's own entries are keyed by Next; their layout is lib/cache/next-format.mjs's business.)
 */
export type MemoKey = string & { readonly __memoKey: unique symbol };

const key = (text: string) => text as MemoKey;

export const memoKeys = {
  /** How a public article was made, or null when the public may not see it. */
  disclosure: (slug: string) => key(`disclosure:${slug}`),
  /** The slug a retired slug now redirects to, or null. */
  redirect: (slug: string) => key(`redirect:${slug}`),
  /** Whether page n of a listing exists. */
  categoryPage: (slug: string, page: number) => key(`category:${slug}:${page}`),
  tagPage: (slug: string, page: number) => key(`tag:${slug}:${page}`),
  archivePage: (year: number, month: number, page: number) => key(`archive:${year}:${month}:${page}`),
  /** Whether page n of a live article's updates exists (page 1: the article is a public live page). */
  liveUpdatesPage: (slug: string, page: number) => key(`live:${slug}:${page}`),
  /** Whether one update of a public live article exists. */
  liveUpdate: (slug: string, id: number) => key(`live-update:${slug}:${id}`),
  /** Whether an editor's public profile exists. */
  editorProfile: (slug: string) => key(`editor:${slug}`),
  /** A public read's result (lib/cache/data-cache.ts), by the read's name and its arguments. */
  data: (name: string, args: unknown[]) => key(`data:${name}:${JSON.stringify(args)}`),
};
