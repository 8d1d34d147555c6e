import { z } from 'zod';
import {
  articleDocumentSchema,
  disclosureSchema,
  sectionDocumentSchema,
  type ArticleDocument,
} from '../articles/text/document';
import { IMAGE_SOURCES } from '../media/renditions';
import { parseArticleBytes } from '../articles/text/parse';
import { SLUG_MAX_LENGTH, SLUG_PATTERN } from '../routes/slug';
import { pointerOf, problemDocument, type ProblemDocument, type ProblemItem } from './problem';

/**
 * What a pipeline submits (docs/decisions/0030), read and validated before anything is written:
 * JSON (the article document of docs/article.schema.json, extended below), or the newsroom's plain
 * text or Markdown through the same parser as `npm run import`, with the submission's own fields in
 * the query string. Pure: every refusal is a problem document naming each problem.
 */

/** How the article was made: the model, who provides it, and the prompt or pipeline version. */
export const generationRecordSchema = z
  .object({
    model: z.string().trim().min(1).max(100),
    provider: z.string().trim().min(1).max(100),
    modelVersion: z.string().trim().min(1).max(100).optional(),
    promptVersion: z.string().trim().min(1).max(100).optional(),
    pipelineVersion: z.string().trim().min(1).max(100).optional(),
    promptTemplateVersion: z.string().trim().min(1).max(100).optional(),
    sourcesRetrievedAt: z.iso.datetime({ offset: true }).optional(),
  })
  .strict()
  .refine((record) => record.promptVersion || record.pipelineVersion || record.promptTemplateVersion, {
    message: 'promptVersion か pipelineVersion が必要です / promptVersion or pipelineVersion is required',
  });

const naturalKey = {
  /** Which pipeline sent it; with externalId, its natural key (a resubmission is a new revision). */
  source: z
    .string()
    .trim()
    .min(1)
    .max(100)
    .regex(/^[A-Za-z0-9._:-]+$/),
  externalId: z.string().trim().min(1).max(200),
};

/**
 * An image a submission uses (docs/decisions/0034): the `id` POST /api/v1/media answered, and
 * anything said differently from the upload (alt text, caption, credit, how it was made).
 */
export const imageReferenceSchema = z
  .object({
    id: z.number().int().min(1).max(2_147_483_647),
    alt: z.string().trim().min(1).max(300).optional(),
    caption: z.string().trim().min(1).max(300).optional(),
    credit: z.string().trim().min(1).max(200).optional(),
    source: z.enum(IMAGE_SOURCES).optional(),
  })
  .strict();
export type ImageReference = z.infer<typeof imageReferenceSchema>;

/** The JSON form: the article document, with per-section citations (`sections[].cites`) as there, and more. */
export const submissionDocumentSchema = articleDocumentSchema
  .extend({
    ...{ source: naturalKey.source.optional(), externalId: naturalKey.externalId.optional() },
    generation: generationRecordSchema.optional(),
    /** Not to be published before this time; the editor's publication is scheduled for it at the earliest. */
    embargoUntil: z.iso.datetime({ offset: true }).optional(),
    /** The article's lead image, sent first through POST /api/v1/media. */
    leadImage: imageReferenceSchema.optional(),
    sections: z
      .array(sectionDocumentSchema.extend({ image: imageReferenceSchema.optional() }).strict())
      .min(1)
      .max(50),
  })
  .strict();
export type SubmissionDocument = z.infer<typeof submissionDocumentSchema>;

const list = z
  .string()
  .transform((value) => value.split(',').map((item) => item.trim()))
  .pipe(z.array(z.string().min(1).max(50)).max(20));

/** The plain-text and Markdown forms carry the submission's own fields as query parameters. */
export const textParametersSchema = z
  .object({
    source: naturalKey.source.optional(),
    externalId: naturalKey.externalId.optional(),
    category: z
      .string()
      .regex(/^[a-z0-9-]+$/)
      .optional(),
    slug: z.string().regex(SLUG_PATTERN).max(SLUG_MAX_LENGTH).optional(),
    tags: list.optional(),
    embargoUntil: z.iso.datetime({ offset: true }).optional(),
    noSourcesReason: z.string().trim().min(1).max(500).optional(),
    disclosure: disclosureSchema.optional(),
    model: z.string().trim().min(1).max(100).optional(),
    provider: z.string().trim().min(1).max(100).optional(),
    modelVersion: z.string().trim().min(1).max(100).optional(),
    promptVersion: z.string().trim().min(1).max(100).optional(),
    pipelineVersion: z.string().trim().min(1).max(100).optional(),
    /** The lead image's id, from POST /api/v1/media. */
    leadImage: z.coerce.number().int().min(1).max(2_147_483_647).optional(),
  })
  .strict();

export type SubmissionFormat = 'json' | 'text' | 'markdown';
export type ReadSubmission =
  { ok: true; format: SubmissionFormat; document: SubmissionDocument } | { ok: false; problem: ProblemDocument };

const refusal = (status: number, type: string, ja: string, en: string, errors?: ProblemItem[]): ReadSubmission => ({
  ok: false,
  problem: problemDocument(status, type, { ja, en }, errors ? { errors } : {}),
});

/** `application/json`, `text/plain` or `text/markdown`, in UTF-8; anything else is 415. */
export function formatOf(contentType: string | null): SubmissionFormat | null {
  const [type = '', ...parameters] = (contentType ?? '').toLowerCase().split(';');
  const charset = parameters
    .map((parameter) => parameter.trim().split('='))
    .find(([name]) => name === 'charset')?.[1]
    ?.replace(/"/g, '');
  if (charset !== undefined && charset !== 'utf-8' && charset !== 'utf8') return null;
  return (
    ({ 'application/json': 'json', 'text/plain': 'text', 'text/markdown': 'markdown' } as const)[
      type.trim() as 'application/json'
    ] ?? null
  );
}

/** The zod issues in Japanese and English, each with its JSON pointer (or query parameter). */
export function issuesOf(schema: z.ZodType, data: unknown, where: 'pointer' | 'parameter'): ProblemItem[] | null {
  const english = schema.safeParse(data);
  if (english.success) return null;
  const japanese = schema.safeParse(data, { error: z.locales.ja().localeError });
  const ja = japanese.success ? [] : japanese.error.issues;
  return english.error.issues.map((issue, index) => {
    const path = issue.code === 'unrecognized_keys' ? [...issue.path, issue.keys[0]!] : issue.path;
    const place = where === 'pointer' ? { pointer: pointerOf(path) } : { parameter: String(path[0] ?? '') };
    return { ...place, detail: ja[index]?.message ?? issue.message, detailEn: issue.message };
  });
}

/** Reads a submission's body into its document, or the problem that refuses it. */
export function readSubmission(contentType: string | null, body: Uint8Array, query: URLSearchParams): ReadSubmission {
  const format = formatOf(contentType);
  if (!format) {
    return refusal(
      415,
      'unsupported-media-type',
      '送れるのは application/json、text/plain、text/markdown（UTF-8）です',
      'Send application/json, text/plain or text/markdown, in UTF-8',
    );
  }
  if (body.length === 0) return refusal(400, 'empty-body', '本文が空です', 'The request body is empty');
  if (format === 'json') return readJson(body);
  return readText(format, body, query);
}

function readJson(body: Uint8Array): ReadSubmission {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(body);
  } catch {
    return refusal(400, 'malformed', 'UTF-8 のテキストではありません', 'The body is not UTF-8 text');
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    const position = /position (\d+)/.exec(String(error))?.[1];
    const line = position ? text.slice(0, Number(position)).split('\n').length : undefined;
    return refusal(400, 'malformed', 'JSON として読めません', 'The body is not valid JSON', [
      { line, detail: `JSON として読めません: ${(error as Error).message}`, detailEn: (error as Error).message },
    ]);
  }
  const errors = issuesOf(submissionDocumentSchema, data, 'pointer');
  if (errors) {
    return refusal(422, 'invalid-submission', '入稿の内容に問題があります', 'The submission is not valid', errors);
  }
  return { ok: true, format: 'json', document: submissionDocumentSchema.parse(data) };
}

function readText(format: 'text' | 'markdown', body: Uint8Array, query: URLSearchParams): ReadSubmission {
  const parameters = Object.fromEntries(query);
  const parameterErrors = issuesOf(textParametersSchema, parameters, 'parameter');
  if (parameterErrors) {
    return refusal(
      422,
      'invalid-submission',
      'クエリパラメータに問題があります',
      'A query parameter is not valid',
      parameterErrors,
    );
  }
  const meta = textParametersSchema.parse(parameters);
  const parsed = parseArticleBytes(body, format === 'markdown' ? 'submission.md' : 'submission.txt');
  if (!parsed.ok) {
    return refusal(
      422,
      'invalid-submission',
      '記事として読めません',
      'The text could not be read as an article',
      parsed.problems.map((problem) => ({
        ...(problem.line === null ? {} : { line: problem.line }),
        detail: problem.message,
        detailEn:
          problem.line === null
            ? 'The text could not be read as an article'
            : `Line ${problem.line} could not be read as part of an article (title, lead, headings, 参考・出典)`,
      })),
    );
  }
  const generation =
    meta.model && meta.provider
      ? {
          model: meta.model,
          provider: meta.provider,
          modelVersion: meta.modelVersion,
          promptVersion: meta.promptVersion,
          pipelineVersion: meta.pipelineVersion,
        }
      : undefined;
  const document: SubmissionDocument = {
    ...(parsed.article as ArticleDocument),
    generation,
    source: meta.source,
    externalId: meta.externalId,
    category: meta.category,
    slug: meta.slug,
    tags: meta.tags,
    embargoUntil: meta.embargoUntil,
    noSourcesReason: meta.noSourcesReason ?? parsed.article.noSourcesReason,
    disclosure: meta.disclosure ?? parsed.article.disclosure,
    ...(meta.leadImage ? { leadImage: { id: meta.leadImage } } : {}),
  };
  return { ok: true, format, document };
}
