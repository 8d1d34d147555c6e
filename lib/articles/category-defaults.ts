/** The site's sections. Every database gets them when it is migrated (scripts/lib/database.ts). */
export const DEFAULT_CATEGORIES = [
  { slug: 'world', name: '国際' },
  { slug: 'politics', name: '政治' },
  { slug: 'economy', name: '経済' },
  { slug: 'society', name: '社会' },
  { slug: 'technology', name: '科学・技術' },
] as const;

/**
 * The site's sections, in order. They are configuration (above), which every
 * migration writes into the database, so the navigation and the category pages need no query.
 */
export function siteSections(): { slug: string; name: string }[] {
  return DEFAULT_CATEGORIES.map(({ slug, name }) => ({ slug, name }));
}
