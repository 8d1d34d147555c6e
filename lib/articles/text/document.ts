import { z } from 'zod';
import { SLUG_MAX_LENGTH, SLUG_PATTERN } from '../../routes/slug';

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

export const disclosureSchema = z.enum(['ai-generated', 'ai-assisted', 'human']);
export type DisclosureKind = z.infer<typeof disclosureSchema>;

const isoDate = z.iso.date();

export const sourceDocumentSchema = z.object({
  title: z.string().trim().min(1).max(500),
  url: httpUrlSchema,
  publisher: z.string().trim().min(1).max(200).optional(),
  accessedAt: isoDate.optional(),
});

export const sectionDocumentSchema = z.object({
  heading: z.string().trim().min(1).max(200),
  paragraphs: z.array(z.string().trim().min(1).max(20_000)).min(1),
  /** 1-based numbers of the sources this section cites; [n] markers in its paragraphs count too. */
  cites: z.array(z.number().int().min(1).max(100)).max(100).optional(),
});

/**
 * An article as the newsroom hands it over. The plain-text and Markdown forms are parsed into
 * this shape; the JSON form is this shape itself (published as docs/article.schema.json).
 */
export const articleDocumentSchema = z.object({
  title: z.string().trim().min(1).max(300),
  lead: z.string().trim().min(1).max(5000),
  disclaimer: z.string().trim().min(1).max(2000).optional(),
  disclosure: disclosureSchema.optional(),
  /** analysis pieces are marked up as AnalysisNewsArticle */
  kind: z.enum(['news', 'analysis']).optional(),
  sections: z.array(sectionDocumentSchema).min(1).max(50),
  sources: z.array(sourceDocumentSchema).max(100).default([]),
  /** Why there is no source, when there is none: publishing an AI article without one needs it. */
  noSourcesReason: z.string().trim().min(1).max(500).optional(),
  slug: z.string().regex(SLUG_PATTERN).max(SLUG_MAX_LENGTH).optional(),
  category: z
    .string()
    .regex(/^[a-z0-9-]+$/)
    .optional(),
  tags: z.array(z.string().trim().min(1).max(50)).max(20).optional(),
  datelinePlace: z.string().trim().min(1).max(100).optional(),
  publishedAt: z.iso.datetime({ offset: true }).optional(),
  reviewedBy: z.string().trim().min(1).max(100).optional(),
  reviewedAt: z.iso.datetime({ offset: true }).optional(),
  generation: z
    .object({
      model: z.string().trim().min(1).max(100).optional(),
      modelVersion: z.string().trim().min(1).max(100).optional(),
      promptTemplateVersion: z.string().trim().min(1).max(100).optional(),
      sourcesRetrievedAt: z.iso.datetime({ offset: true }).optional(),
    })
    .optional(),
});

export type ArticleDocument = z.infer<typeof articleDocumentSchema>;
export type SourceDocument = z.infer<typeof sourceDocumentSchema>;
export type SectionDocument = z.infer<typeof sectionDocumentSchema>;
