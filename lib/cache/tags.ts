/**
 * Every cache tag Kiji uses, in one place. A read tags what it depends on; a write invalidates
 * the tags of everything it changed. See docs/decisions/0004-caching-and-404s.md and 0012.
 */
export const cacheTags = {
  /**
   * Every entry depends on this one implicitly (the store adds it to every staleness check):
   * expiring it expires everything, for an instance that may have missed changes (decision 0012).
   */
  everything: '*',
  /** Any list of articles: home, category, tag and archive pages, feeds, sitemaps. */
  articleLists: 'articles',
  article: (slug: string) => `article:${slug}`,
  category: (slug: string) => `category:${slug}`,
  categories: 'categories',
  tag: (slug: string) => `tag:${slug}`,
  /** The site-wide corrections page and feed. */
  corrections: 'corrections',
  /** The editors' choice of top and lead stories on the home page. */
  frontPage: 'front-page',
  /** An editor's public profile page (/editors/<slug>). */
  editor: (slug: string) => `editor:${slug}`,
  /** Editable site text, e.g. the AI policy. */
  setting: (key: string) => `setting:${key}`,
} as const;

export type ArticleChange = {
  slugs: string[];
  categorySlugs: string[];
  tagSlugs: string[];
  /**
   * Whether a list could show the change: readers could see the article before or after it
   * (published, not deleted), and what changed is something a list shows. Otherwise the change
   * expires the article's own page only (decision 0039).
   */
  inLists: boolean;
};

/**
 * The tags an article write touches: old and new slug and, when a list could show the change, the
 * lists, its old and new category and all its tags.
 */
export function tagsForArticleChange(change: ArticleChange): string[] {
  const own = change.slugs.map(cacheTags.article);
  if (!change.inLists) return [...new Set(own)];
  return [
    ...new Set([
      cacheTags.articleLists,
      ...own,
      ...change.categorySlugs.map(cacheTags.category),
      ...change.tagSlugs.map(cacheTags.tag),
    ]),
  ];
}
