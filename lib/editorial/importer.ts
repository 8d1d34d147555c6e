import 'server-only';
import { setTimeout as sleep } from 'node:timers/promises';
import { z } from 'zod';
import { assertMayEditArticles, type Actor } from '../auth/actor';
import { defaultSlugFor } from '../articles/text/parse';
import { articleSlugSchema } from '../routes/slug';
import type { ArticleDocument } from '../articles/text/document';
import type { ArticleChange } from '../cache/tags';
import type { AfterCommit } from '../cache/expire';
import { ensureDefaultCategories } from '../articles/categories';
import { db } from '../platform/db';
import { documentToFormValues } from './import-mapping';
import { saveArticle } from './save';
import type { SaveIntent } from '../articles/input';
import { routes } from '../routes/registry';
import { IMAGE_SOURCES } from '../media/renditions';

/**
 * The importer (`npm run import`, the demo data, the e2e fixtures): maps an imported document onto
 * the editor's form values and saves them through the one writer (lib/editorial/save.ts saveArticle),
 * so an import is validated like an edit and writes its revision (author `cli`) and audit entry in
 * the same transaction. Re-importing the same slug updates that article in place.
 */

export const importOptionsSchema = z.object({
  slug: articleSlugSchema.optional(),
  category: z
    .string()
    .regex(/^[a-z0-9-]+$/)
    .optional(),
  status: z.enum(['draft', 'published']).optional(),
  place: z.string().trim().min(1).max(100).optional(),
  publishedAt: z.coerce.date().optional(),
  /** Publishing an AI article with no source needs a reason, which readers are shown. */
  noSourcesReason: z.string().trim().min(1).max(500).optional(),
  /** Demo content: kept out of search engines and sitemaps (the seed, the demo articles, fixtures). */
  demo: z.boolean().optional(),
  /** An image already stored (lib/media/images.ts storeImage), with how this article describes it. */
  leadImage: z
    .object({
      id: z.number().int().positive(),
      alt: z.string().trim().min(1).max(300),
      caption: z.string().trim().max(300).optional(),
      credit: z.string().trim().max(200).optional(),
      source: z.enum(IMAGE_SOURCES),
    })
    .optional(),
  /** The editor who signs the article (a user with a profile). */
  editorId: z.string().min(1).optional(),
});
export type ImportOptions = z.infer<typeof importOptionsSchema>;

/** How far ahead a publication time must be to be scheduled rather than waited for. */
const SCHEDULE_MARGIN_MS = 1_000;

export type ImportedArticle = {
  id: number;
  slug: string;
  path: string;
  created: boolean;
  change: ArticleChange;
  /** What could not follow the commit yet (lib/cache/expire.ts); the import itself is saved. */
  notDone: AfterCommit;
};

export class UnknownCategoryError extends Error {}
export class MissingSourcesError extends Error {}
export class ImportRefusedError extends Error {}

export async function importArticleDocument(
  actor: Actor,
  document: ArticleDocument,
  rawOptions: ImportOptions = {},
): Promise<ImportedArticle> {
  assertMayEditArticles(actor);
  // Text is normalised once, by saveArticle, on the form values this maps the document to.
  const options = importOptionsSchema.parse(rawOptions);
  const slug = options.slug ?? document.slug ?? defaultSlugFor(document);
  await ensureDefaultCategories();

  const existing = await db().article.findUnique({
    where: { slug },
    select: { id: true, version: true, status: true, publishedAt: true, category: { select: { slug: true } } },
  });
  const category = options.category ?? document.category ?? existing?.category.slug ?? 'society';
  // Named first: a wrong --category is the likelier mistake than anything the form would say.
  if (!(await db().category.findUnique({ where: { slug: category }, select: { id: true } }))) {
    throw new UnknownCategoryError(`カテゴリ「${category}」はありません`);
  }
  const publishedAt =
    options.publishedAt ??
    (document.publishedAt ? new Date(document.publishedAt) : (existing?.publishedAt ?? new Date()));
  const requested = options.status ?? (existing?.status === 'draft' ? 'draft' : 'published');
  // Published with a future date means scheduled: the scheduler publishes it on time, never before.
  // A time less than a second ahead is waited for, then published: scheduling it could find it
  // already past by the time the save checks it.
  const ahead = publishedAt.getTime() - Date.now();
  if (requested !== 'draft' && ahead > 0 && ahead <= SCHEDULE_MARGIN_MS) await sleep(ahead + 1);
  const intent: SaveIntent = requested === 'draft' ? 'draft' : ahead > SCHEDULE_MARGIN_MS ? 'schedule' : 'publish';
  const noSourcesReason =
    document.sources.length === 0 ? (options.noSourcesReason ?? document.noSourcesReason ?? null) : null;
  const values = documentToFormValues(document, {
    slug,
    category,
    place: options.place ?? document.datelinePlace ?? null,
    publishedAt,
    noSourcesReason,
    demo: options.demo ?? false,
  });
  if (options.leadImage) {
    Object.assign(values, {
      leadImage: String(options.leadImage.id),
      leadImageAlt: options.leadImage.alt,
      leadImageCaption: options.leadImage.caption ?? '',
      leadImageCredit: options.leadImage.credit ?? '',
      leadImageSource: options.leadImage.source,
    });
  }
  if (options.editorId) values.editor = options.editorId;

  const result = await saveArticle(actor, {
    id: existing?.id,
    baseVersion: existing?.version,
    intent,
    values,
    auditAction: 'article_import',
    // A re-import brings a deleted article back; a first import of an already-published piece is
    // its publication, not a later edit, so the page shows no 更新 time until a real edit.
    undelete: true,
    updatedAtIsPublication: !existing,
  });
  if (!result.ok) {
    if (result.errors.noSourcesReason) {
      throw new MissingSourcesError(
        '出典のないAI記事は公開できません。出典を加えるか、--no-sources-reason "理由" で出典がない理由を示してください（読者に表示されます）',
      );
    }
    const details = Object.entries(result.errors).map(([field, message]) => `${field}: ${message}`);
    throw new ImportRefusedError([result.message, ...details].join('; '));
  }
  return {
    id: result.id,
    slug: result.slug,
    path: routes.article.href(result.slug),
    created: !existing,
    change: result.change,
    notDone: result.notDone,
  };
}
