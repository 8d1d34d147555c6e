import 'server-only';
import { assertMayEditArticles, type Actor } from '../auth/actor';
import { db } from '../platform/db';
import { normalizeDeep } from '../format/normalize';
import { imageSizes } from '../media/images';
import { articleInputSchema, type ArticleFormValues } from '../articles/input';
import { articleViewSelect, toArticleView, type ArticleViewRow } from '../articles/public';
import { getArticleTexts } from '../articles/site-settings';
import type { ArticleView } from '../articles/views';
import { declaredColumns } from '../articles/writer';
import { childRows } from './article-rows';

/**
 * The form as readers would see it, before anything is saved: the same validation as a save and
 * the same view as the public page (toArticleView), built from the typed values; nothing written.
 */
export async function previewUnsaved(
  actor: Actor,
  formValues: ArticleFormValues,
): Promise<{ ok: true; article: ArticleView } | { ok: false; message: string }> {
  assertMayEditArticles(actor);
  const parsed = articleInputSchema.safeParse(normalizeDeep(formValues));
  if (!parsed.success) return { ok: false, message: parsed.error.issues[0]!.message };
  const input = parsed.data;
  const columns = declaredColumns(input);
  const imageIds = [input.leadImage, ...input.sections.map((section) => section.image)].filter(
    (id): id is number => id !== null,
  );
  const [category, editor, sizes] = await Promise.all([
    db().category.findUnique({ where: { slug: input.category }, select: { id: true, slug: true, name: true } }),
    input.editor
      ? db().user.findUnique({ where: { id: input.editor }, select: { name: true, profileSlug: true, jobTitle: true } })
      : null,
    imageSizes(db(), imageIds),
  ]);
  const image = (id: number | null) => (id !== null && sizes.has(id) ? { id, ...sizes.get(id)! } : null);
  const children = childRows(
    input,
    input.sections.filter((section) => section.heading || section.body),
    [],
  );
  const row = {
    ...columns,
    id: 0,
    version: 0,
    updatedAt: new Date(),
    publishedAt: (columns.publishedAt as Date | null) ?? new Date(),
    categoryId: category?.id ?? 0,
    category: category ? { slug: category.slug, name: category.name } : { slug: input.category, name: input.category },
    leadImage: image(input.leadImage),
    editor,
    corrections: [],
    // The rows a save would write, with each section's image as the page reads it.
    sections: children.sections.create.map(({ imageId, ...section }) => ({ ...section, image: image(imageId) })),
    sources: children.sources.create,
    tags: input.tags.map((name) => ({ tagId: 0, tag: { slug: name, name } })),
  } as unknown as ArticleViewRow;
  return { ok: true, article: toArticleView(row, []) };
}

/** The article as it will render, whatever its status; for editors only. */
export async function previewArticle(actor: Actor, id: number): Promise<ArticleView | null> {
  assertMayEditArticles(actor);
  const row = await db().article.findUnique({ where: { id }, relationLoadStrategy: 'join', select: articleViewSelect });
  if (!row) return null;
  const texts = await getArticleTexts();
  // A draft may have no date yet: preview it as if published now.
  return toArticleView({ ...row, publishedAt: row.publishedAt ?? new Date() }, [], {
    checked: texts['claims-checked'],
    unchecked: texts['claims-unchecked'],
  });
}
