import { z } from 'zod';
import { articleFieldEntries, articleLists, lengthLimit, type articleFields } from '../fields';
import { httpUrlSchema } from './primitives';

export { httpUrlSchema, disclosureSchema, type DisclosureKind } from './primitives';

/**
 * An article as the newsroom hands it over: the JSON form that `npm run import`, the dashboard's
 * import and the API take (published as docs/article.schema.json), into which the plain-text and
 * Markdown forms are parsed. Derived from the article's declaration (lib/articles/fields.ts): each
 * field's `document` binding gives its key and value, and a text value takes the field's own
 * length limit; the two lists take their limits from `articleLists`. Nothing here is declared twice.
 */

type Fields = typeof articleFields;
type Binding<K extends keyof Fields> = Fields[K]['document'];
/** A binding's value as a schema: 'text' is a trimmed, non-empty string; 'text?' the same, optional. */
type ValueSchema<V> = V extends 'text'
  ? z.ZodString
  : V extends 'text?'
    ? z.ZodOptional<z.ZodString>
    : V extends z.ZodType
      ? V
      : never;
type TopShape = {
  [
    K in keyof Fields as Binding<K> extends { in: 'generation' }
      ? never
      : Binding<K> extends { key: infer N extends string }
        ? N
        : never
  ]: Binding<K> extends { value: infer V } ? ValueSchema<V> : never;
};
type GenerationShape = {
  [
    K in keyof Fields as Binding<K> extends { in: 'generation'; key: infer N extends string } ? N : never
  ]: Binding<K> extends {
    value: infer V;
  }
    ? ValueSchema<V>
    : never;
};

function textValue(fieldSchema: z.core.$ZodType): z.ZodString {
  const limit = lengthLimit(fieldSchema);
  if (limit === undefined) throw new Error('a text binding needs a field schema with a length limit');
  return z.string().trim().min(1).max(limit);
}

/** The document's keys at one level (the top, or the generation record), from the bindings. */
function shapeAt(level: 'top' | 'generation'): Record<string, z.ZodType> {
  const shape: Record<string, z.ZodType> = {};
  for (const [, declaration] of articleFieldEntries) {
    const binding = declaration.document;
    if (!binding || (binding.in ?? 'top') !== level) continue;
    const { value } = binding;
    shape[binding.key] =
      value === 'text'
        ? textValue(declaration.schema)
        : value === 'text?'
          ? textValue(declaration.schema).optional()
          : value;
  }
  return shape;
}

const sectionItem = articleLists.sections.item.shape;
const sourceItem = articleLists.sources.item.shape;
const isoDate = z.iso.date();

export const sourceDocumentSchema = z.object({
  title: textValue(sourceItem.title),
  url: httpUrlSchema,
  publisher: textValue(sourceItem.publisher).optional(),
  accessedAt: isoDate.optional(),
});

export const sectionDocumentSchema = z.object({
  heading: textValue(sectionItem.heading),
  paragraphs: z.array(textValue(sectionItem.body)).min(1),
  /** 1-based numbers of the sources this section cites; [n] markers in its paragraphs count too. */
  cites: z.array(z.number().int().min(1).max(articleLists.sources.max)).max(articleLists.sources.max).optional(),
});

export const articleDocumentSchema = z.object({
  ...(shapeAt('top') as TopShape),
  generation: z.object(shapeAt('generation') as GenerationShape).optional(),
  sections: z.array(sectionDocumentSchema).min(1).max(articleLists.sections.max),
  sources: z.array(sourceDocumentSchema).max(articleLists.sources.max).default([]),
});

export type ArticleDocument = z.infer<typeof articleDocumentSchema>;
export type SourceDocument = z.infer<typeof sourceDocumentSchema>;
export type SectionDocument = z.infer<typeof sectionDocumentSchema>;
