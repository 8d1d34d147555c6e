import { z } from 'zod';

/**
 * The one rule for an article's slug, whoever gives it (the editor, the importer, a JSON document)
 * and wherever it is read back (the public routes): lower-case ASCII letters and digits, words
 * joined by single hyphens, at most 100 characters, and not a word the site's own paths use.
 */
export const SLUG_PATTERN = /^[a-z0-9]+(-[a-z0-9]+)*$/;
export const SLUG_MAX_LENGTH = 100;
export const RESERVED_SLUGS = new Set([
  'admin',
  'api',
  'new',
  'feed',
  'atom',
  'search',
  'archive',
  'category',
  'tag',
  'about',
  'corrections',
  'preview',
  'sitemap',
  'robots',
]);

export const articleSlugSchema = z
  .string()
  .max(SLUG_MAX_LENGTH, `スラッグは${SLUG_MAX_LENGTH}文字以内にしてください`)
  .regex(SLUG_PATTERN, 'スラッグは半角英小文字・数字と、語の間のハイフンだけにしてください')
  .refine((slug) => !RESERVED_SLUGS.has(slug), 'このスラッグは予約されています');
