import { imageSourceToDb } from '../articles/fields';
import { parseCiteList, type ArticleInput } from '../articles/input';
import { sectionCites } from '../articles/citations';

/** The rows an article's sections, sources and tags are stored in. */
export function childRows(input: ArticleInput, sections: ArticleInput['sections'], tags: { id: number }[]) {
  return {
    sections: {
      create: sections.map((section, position) => ({
        position,
        heading: section.heading,
        body: section.body,
        cites: sectionCites(section.body, parseCiteList(section.cites), input.sources.length),
        imageId: section.image,
        imageAlt: section.image === null ? null : section.imageAlt,
        imageCaption: section.image === null ? null : section.imageCaption,
        imageCredit: section.image === null ? null : section.imageCredit,
        imageSource: section.image === null ? null : imageSourceToDb(section.imageSource),
      })),
    },
    sources: {
      create: input.sources.map((source, position) => ({
        position,
        title: source.title,
        url: source.url,
        publisher: source.publisher,
        accessedAt: source.date ? new Date(`${source.date}T00:00:00Z`) : null,
      })),
    },
    tags: { create: tags.map((tag) => ({ tagId: tag.id })) },
  };
}
