import 'server-only';
import { z } from 'zod';
import { assertMayEditArticles, type Actor } from './actor';
import { normalizeDeep } from './article-text/normalize';
import { defaultSlugFor } from './article-text/parse';
import type { ArticleDocument } from './article-text/document';
import { STANDARD_DISCLAIMER } from './article-text/site-text';
import type { ArticleChange } from './cache-tags';
import { ensureDefaultCategories } from './categories';
import { db } from './db';
import { disclosureToDb } from './disclosure';
import { searchFieldsFor } from './search-text';
import { sectionCites } from './citations';
import { ensureTags } from './tags';

/**
 * Writes an imported article. One transaction: the article, its sections, sources and tags
 * land together or not at all. Re-importing the same slug updates that article in place.
 */

export const slugSchema = z
  .string()
  .max(100, 'スラッグは100文字以内にしてください')
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'スラッグは半角英小文字・数字とハイフンだけにしてください');

export const importOptionsSchema = z.object({
  slug: slugSchema.optional(),
  category: z.string().regex(/^[a-z0-9-]+$/).optional(),
  status: z.enum(['draft', 'published']).optional(),
  place: z.string().trim().min(1).max(100).optional(),
  publishedAt: z.coerce.date().optional(),
});
export type ImportOptions = z.infer<typeof importOptionsSchema>;

export type ImportedArticle = { slug: string; path: string; created: boolean; change: ArticleChange };

export class UnknownCategoryError extends Error {}

export async function importArticleDocument(
  actor: Actor,
  document: ArticleDocument,
  rawOptions: ImportOptions = {},
): Promise<ImportedArticle> {
  assertMayEditArticles(actor);
  document = normalizeDeep(document);
  const options = importOptionsSchema.parse(normalizeDeep(rawOptions));
  const slug = options.slug ?? document.slug ?? defaultSlugFor(document);
  await ensureDefaultCategories();

  return db().$transaction(async (tx) => {
    const existing = await tx.article.findUnique({
      where: { slug },
      select: {
        id: true,
        status: true,
        publishedAt: true,
        category: { select: { id: true, slug: true } },
        tags: { select: { tag: { select: { slug: true } } } },
      },
    });
    const categorySlug = options.category ?? document.category ?? existing?.category.slug ?? 'society';
    const category = await tx.category.findUnique({ where: { slug: categorySlug }, select: { id: true } });
    if (!category) throw new UnknownCategoryError(`カテゴリ「${categorySlug}」はありません`);

    const tags = await ensureTags(tx, document.tags ?? []);

    const publishedAt =
      options.publishedAt ?? (document.publishedAt ? new Date(document.publishedAt) : (existing?.publishedAt ?? new Date()));
    const requested = options.status ?? (existing?.status === 'draft' ? 'draft' : 'published');
    const fields = {
      title: document.title,
      lead: document.lead,
      // Published with a future date means scheduled: the scheduler publishes it on time.
      status: requested === 'published' && publishedAt > new Date() ? ('scheduled' as const) : requested,
      publishedAt,
      datelinePlace: options.place ?? document.datelinePlace ?? null,
      categoryId: category.id,
      disclosure: disclosureToDb(document.disclosure ?? 'ai-generated'),
      disclaimer: document.disclaimer ?? STANDARD_DISCLAIMER,
      kind: document.kind ?? 'news',
      reviewedBy: document.reviewedBy ?? null,
      reviewedAt: document.reviewedAt ? new Date(document.reviewedAt) : null,
      modelName: document.generation?.model ?? null,
      modelVersion: document.generation?.modelVersion ?? null,
      promptTemplateVersion: document.generation?.promptTemplateVersion ?? null,
      sourcesRetrievedAt: document.generation?.sourcesRetrievedAt ? new Date(document.generation.sourcesRetrievedAt) : null,
      ...searchFieldsFor(document),
    };
    const children = {
      sections: {
        create: document.sections.map((section, position) => ({
          position,
          heading: section.heading,
          body: section.paragraphs.join('\n\n'),
          cites: sectionCites(section.paragraphs.join('\n'), section.cites ?? [], document.sources.length),
        })),
      },
      sources: {
        create: document.sources.map((source, position) => ({
          position,
          title: source.title,
          url: source.url,
          publisher: source.publisher ?? null,
          accessedAt: source.accessedAt ? new Date(`${source.accessedAt}T00:00:00Z`) : null,
        })),
      },
      tags: { create: tags.map((tag) => ({ tagId: tag.id })) },
    };

    if (existing) {
      await tx.section.deleteMany({ where: { articleId: existing.id } });
      await tx.source.deleteMany({ where: { articleId: existing.id } });
      await tx.articleTag.deleteMany({ where: { articleId: existing.id } });
      await tx.article.update({
        where: { id: existing.id },
        data: { ...fields, deletedAt: null, version: { increment: 1 }, ...children },
      });
    } else {
      // A first import of an already-published piece is its publication, not a later edit:
      // start updatedAt at publishedAt so that the page shows no 更新 time until a real edit.
      const now = new Date();
      const updatedAt = fields.publishedAt < now ? fields.publishedAt : now;
      await tx.article.create({ data: { slug, ...fields, updatedAt, ...children } });
    }

    return {
      slug,
      path: `/articles/${slug}`,
      created: !existing,
      change: {
        slugs: [slug],
        categorySlugs: [...new Set([categorySlug, ...(existing ? [existing.category.slug] : [])])],
        tagSlugs: [...new Set([...tags.map((tag) => tag.slug), ...(existing?.tags.map(({ tag }) => tag.slug) ?? [])])],
      },
    };
  });
}
