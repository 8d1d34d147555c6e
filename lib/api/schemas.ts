import { z } from 'zod';
import { articleDocumentSchema, disclosureSchema } from '../articles/text/document';
import { isStorableText, UNSTORABLE_MESSAGE } from '../articles/text/primitives';
import { IMAGE_SOURCES } from '../media/renditions';
import { routeParams } from '../routes/registry';

/**
 * The API's answers and parameters as zod schemas (docs/decisions/0034): declared once, they
 * validate where the API reads, type what it writes, and the OpenAPI document (openapi.ts) is
 * generated from them. Pure.
 */

export const ARTICLES_PAGE_DEFAULT = 20;

/** What a webhook endpoint may hear (docs/decisions/0030, 0040). */
export const WEBHOOK_EVENTS = [
  'article.published',
  'article.updated',
  'article.corrected',
  'article.unpublished',
  'article.deleted',
  'submission.state_changed',
  'live_update.state_changed',
] as const;
export const ARTICLES_PAGE_MAX = 100;

/** The read API's list parameters. */
export const articleListQuerySchema = z
  .object({
    category: routeParams.categorySlug.optional().meta({ description: 'A category slug (world, society, …)' }),
    tag: routeParams.tagSlug.optional().meta({ description: 'A tag slug' }),
    updated_since: z.iso
      .datetime({ offset: true })
      .optional()
      .meta({ description: 'Only articles updated at or after this time' }),
    cursor: z
      .string()
      .max(200)
      .regex(/^[A-Za-z0-9_-]+$/)
      .optional()
      .meta({ description: 'The nextCursor of the previous page' }),
    limit: z.coerce.number().int().min(1).max(ARTICLES_PAGE_MAX).default(ARTICLES_PAGE_DEFAULT),
  })
  .strict();
export type ArticleListQuery = z.infer<typeof articleListQuerySchema>;

/** One published article: the import document's shape, every optional part present when it has one, and URLs. */
export const publishedArticleSchema = articleDocumentSchema
  .omit({ generation: true })
  .extend({
    slug: z.string(),
    category: z.string(),
    tags: z.array(z.string()),
    disclosure: disclosureSchema,
    publishedAt: z.iso.datetime({ offset: true }),
    updatedAt: z.iso.datetime({ offset: true }),
    version: z.number().int(),
    generation: z.object({
      model: z.string().nullable(),
      modelVersion: z.string().nullable(),
      promptTemplateVersion: z.string().nullable(),
      sourcesRetrievedAt: z.iso.datetime({ offset: true }).nullable(),
    }),
    corrections: z.array(
      z.object({ correctedAt: z.iso.datetime({ offset: true }), whatWasWrong: z.string(), whatChanged: z.string() }),
    ),
    url: z.url().meta({ description: 'The article’s public page' }),
    apiUrl: z.url().meta({ description: 'This article in the read API' }),
  })
  .meta({ id: 'PublishedArticle' });
export type PublishedArticle = z.infer<typeof publishedArticleSchema>;

export const articleListSchema = z
  .object({
    data: z.array(publishedArticleSchema),
    nextCursor: z.string().nullable().meta({ description: 'Pass as cursor for the next page; null on the last' }),
  })
  .meta({ id: 'ArticleList' });
export type ArticleList = z.infer<typeof articleListSchema>;

/** What a pipeline says of an image it sends (multipart fields beside `file`). */
export const mediaFieldsSchema = z
  .object({
    alt: z
      .string()
      .refine(isStorableText, UNSTORABLE_MESSAGE)
      .trim()
      .min(1)
      .max(300)
      .meta({ description: 'Alternative text' }),
    caption: z.string().refine(isStorableText, UNSTORABLE_MESSAGE).trim().min(1).max(300).optional(),
    credit: z.string().refine(isStorableText, UNSTORABLE_MESSAGE).trim().min(1).max(200).optional(),
    source: z.enum(IMAGE_SOURCES).meta({ description: 'How the image was made' }),
  })
  .strict();
export type MediaFields = z.infer<typeof mediaFieldsSchema>;

export const mediaAnswerSchema = z
  .object({
    id: z.number().int().meta({ description: 'Name it in a submission’s leadImage.id or sections[].image.id' }),
    width: z.number().int(),
    height: z.number().int(),
    alt: z.string(),
    caption: z.string().nullable(),
    credit: z.string().nullable(),
    source: z.enum(IMAGE_SOURCES),
  })
  .meta({ id: 'Media' });

export const SUBMISSION_STATES = [
  'received',
  'in_review',
  'changes_requested',
  'approved',
  'scheduled',
  'published',
  'corrected',
  'rejected',
  'withdrawn',
] as const;

export const submissionAcceptedSchema = z
  .object({
    id: z.uuid(),
    state: z.literal('received'),
    revision: z.number().int(),
    flags: z.array(z.string()).meta({ description: 'no_sources: accepted, but not publishable until it has one' }),
    location: z.string(),
  })
  .meta({ id: 'SubmissionAccepted' });

/** The answer to a live update a pipeline sent (docs/decisions/0040): held until an editor decides. */
export const liveUpdateAcceptedSchema = z
  .object({
    id: z.number().int(),
    state: z.literal('held'),
    location: z.string().meta({ description: 'Where to read how it stands' }),
  })
  .meta({ id: 'LiveUpdateAccepted' });

export const liveUpdateReportSchema = z
  .object({
    id: z.number().int(),
    state: z.enum(['held', 'published', 'rejected', 'removed']).meta({
      description:
        'held: waiting for an editor; published: posted on the live page; rejected: turned down; removed: posted, then taken down',
    }),
    slug: z.string().meta({ description: 'The live article' }),
    postedAt: z.iso.datetime().nullable().meta({ description: 'When an editor posted it (its time on the page)' }),
    editedAt: z.iso.datetime().nullable(),
    url: z.string().nullable().meta({ description: 'The update’s own page, while readers can see it' }),
  })
  .meta({ id: 'LiveUpdateReport' });

const claimSummary = {
  total: z.number().int(),
  found: z.number().int(),
  notFound: z.number().int(),
  notCheckable: z.number().int(),
};

export const submissionReportSchema = z
  .object({
    id: z.uuid(),
    state: z.enum(SUBMISSION_STATES),
    source: z.string().nullable(),
    externalId: z.string().nullable(),
    revision: z.number().int(),
    flags: z.array(z.string()),
    receivedAt: z.iso.datetime({ offset: true }),
    updatedAt: z.iso.datetime({ offset: true }),
    notes: z.array(z.object({ decision: z.string(), note: z.string(), by: z.string(), at: z.iso.datetime() })),
    url: z.url().nullable().meta({ description: 'The public URL once published' }),
    editorChanges: z
      .array(
        z.object({
          kind: z.enum(['added', 'removed', 'same']),
          text: z.string(),
          parts: z.array(z.object({ text: z.string(), changed: z.boolean() })).optional(),
        }),
      )
      .meta({ description: 'What editors changed since the last version the key sent, line by line' }),
    claims: z
      .object({
        ...claimSummary,
        checkedAt: z.iso.datetime(),
        notFoundFacts: z.array(
          z.object({
            fact: z.string(),
            section: z.string(),
            result: z.enum(['found', 'not_found', 'not_checkable']),
            source: z.string().nullable(),
            quote: z.string().nullable(),
          }),
        ),
      })
      .meta({ description: 'The article’s figures held against its sources’ latest snapshots' }),
  })
  .meta({ id: 'SubmissionReport' });

export const problemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string().meta({ description: 'In Japanese' }),
    detailEn: z.string().meta({ description: 'In English' }),
    errors: z
      .array(
        z.object({
          pointer: z.string().optional().meta({ description: 'A JSON pointer into the body' }),
          parameter: z.string().optional().meta({ description: 'A query parameter, header or form field' }),
          line: z.number().int().optional().meta({ description: 'The line of a plain-text or Markdown article' }),
          detail: z.string(),
          detailEn: z.string(),
        }),
      )
      .optional(),
  })
  .meta({ id: 'Problem' });

export const webhookEventSchema = z
  .object({
    id: z
      .uuid()
      .meta({ description: 'The event id (also Kiji-Event-Id): the same on every retry, de-duplicate on it' }),
    type: z.enum(WEBHOOK_EVENTS),
    createdAt: z.iso.datetime(),
    data: z.record(z.string(), z.union([z.string(), z.number(), z.null()])),
  })
  .meta({ id: 'WebhookEvent' });
