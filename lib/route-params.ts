import { z } from 'zod';

const articleSlug = z.string().max(100).regex(/^[a-z0-9]+(-[a-z0-9]+)*$/);

/** A route's slug, or null when it cannot be an article's (so the page 404s without a query). */
export function articleSlugParam(raw: string): string | null {
  const result = articleSlug.safeParse(raw);
  return result.success ? result.data : null;
}
