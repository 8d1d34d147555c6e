import 'server-only';
import { assertMayEditArticles, type Actor } from '../auth/actor';
import { db } from '../platform/db';
import { articleFieldEntries, articleLists, type ImportContext } from '../articles/fields';
import { blankFormValues, type ArticleFormValues } from '../articles/input';
import { defaultSlugFor } from '../articles/text/parse';
import type { ArticleDocument } from '../articles/text/document';

/**
 * An imported document as the editor's form values: the one mapping, for the paste import (which
 * fills the form) and for `npm run import` (which saves it through saveArticle). Each declared
 * field says what the importer sets it from; a field that says nothing gets its blank value.
 */
export function documentToFormValues(document: ArticleDocument, context: ImportContext): ArticleFormValues {
  const blank = blankFormValues(context.publishedAt);
  const scalars = Object.fromEntries(
    articleFieldEntries.map(([name, declaration]) => [
      name,
      declaration.fromDocument?.(document, context) ?? blank[name],
    ]),
  );
  return {
    ...(scalars as Omit<ArticleFormValues, 'sections' | 'sources'>),
    sections: document.sections.map((section) => ({
      ...articleLists.sections.blankItem(),
      heading: section.heading,
      body: section.paragraphs.join('\n\n'),
      cites: (section.cites ?? []).join(', '),
    })),
    sources: document.sources.map((source) => ({
      title: source.title,
      url: source.url,
      publisher: source.publisher ?? '',
      date: source.accessedAt ?? '',
    })),
  };
}

/** A parsed import as form values, with a free slug. */
export async function formValuesFromDocument(actor: Actor, document: ArticleDocument): Promise<ArticleFormValues> {
  assertMayEditArticles(actor);
  const base = document.slug ?? defaultSlugFor(document);
  let slug = base;
  for (let n = 2; await db().article.findUnique({ where: { slug }, select: { id: true } }); n += 1)
    slug = `${base}-${n}`;
  return documentToFormValues(document, {
    slug,
    category: document.category ?? 'world',
    place: document.datelinePlace ?? null,
    publishedAt: document.publishedAt ? new Date(document.publishedAt) : new Date(),
    demo: false,
    noSourcesReason: document.noSourcesReason ?? null,
  });
}
