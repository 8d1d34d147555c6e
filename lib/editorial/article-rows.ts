import { sectionColumns, sourceColumns } from '../articles/fields';
import type { ArticleInput } from '../articles/input';

/** The rows an article's sections, sources and tags are stored in (each item's columns from its declaration). */
export function childRows(input: ArticleInput, sections: ArticleInput['sections'], tags: { id: number }[]) {
  const list = { sourceCount: input.sources.length };
  return {
    sections: { create: sections.map((section, position) => ({ position, ...sectionColumns(section, list) })) },
    sources: { create: input.sources.map((source, position) => ({ position, ...sourceColumns(source) })) },
    tags: { create: tags.map((tag) => ({ tagId: tag.id })) },
  };
}
