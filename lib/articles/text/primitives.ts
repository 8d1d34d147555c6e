import { z } from 'zod';

/**
 * Value schemas that the article's declaration (lib/articles/fields.ts) and the documents built from
 * it share. Kept apart from document.ts so that the declaration can use them while document.ts is
 * derived from the declaration.
 */

/** http and https only: a source link must never become `javascript:` or `data:`. */
export const httpUrlSchema = z
  .string()
  .trim()
  .max(2048)
  .refine((value) => {
    try {
      const url = new URL(value);
      return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname.length > 0;
    } catch {
      return false;
    }
  }, 'URL は http:// か https:// で始まる必要があります');

/** A NUL, or half of a surrogate pair: PostgreSQL's text cannot hold the one, UTF-8 the other. */
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Text from outside that can be stored: refused with a message, not a database error, when it cannot. */
export const isStorableText = (value: string) => !UNSTORABLE.test(value);
export const UNSTORABLE_MESSAGE = 'NUL 文字や対になっていないサロゲートは使えません';

export const DISCLOSURE_KINDS = ['ai-generated', 'ai-assisted', 'human'] as const;
export const disclosureSchema = z.enum(DISCLOSURE_KINDS);
export type DisclosureKind = z.infer<typeof disclosureSchema>;

/** analysis pieces are marked up as AnalysisNewsArticle */
export const ARTICLE_KINDS = ['news', 'analysis', 'live'] as const;
export const articleKindSchema = z.enum(ARTICLE_KINDS);

/** A tag's name, and how many an article may carry. */
export const TAG_MAX_LENGTH = 50;
export const TAGS_MAX = 20;
