import type { LiveCoverageView, LiveUpdateView } from '../articles/live-views';
import type { ArticleView } from '../articles/views';
import { toTokyoIso } from '../format/dates';
import { routes } from '../routes/registry';
import { absoluteUrl, description, newsArticleJsonLd, type NewsArticleJsonLd } from './seo';

/**
 * A live page's structured data (docs/decisions/0040): Google's LiveBlogPosting, with everything
 * the article's NewsArticle says (headline, images, author, publisher, sources, corrections, the
 * AI disclosure), the coverage's start and, once ended, its end, and its updates as BlogPosting
 * entries, each with its own address.
 */
export type LiveBlogJsonLd = Omit<NewsArticleJsonLd, '@type'> & {
  '@type': 'LiveBlogPosting';
  coverageStartTime: string;
  coverageEndTime?: string;
  liveBlogUpdate: {
    '@type': 'BlogPosting';
    headline: string;
    datePublished: string;
    dateModified?: string;
    url: string;
    articleBody: string;
  }[];
};

export function liveUpdateHeadline(update: LiveUpdateView): string {
  return update.heading ?? description(update.paragraphs.join(''), 110);
}

export function liveBlogJsonLd(
  article: ArticleView,
  coverage: LiveCoverageView,
  updates: LiveUpdateView[],
): LiveBlogJsonLd {
  const { '@type': _type, ...base } = newsArticleJsonLd(article);
  return {
    ...base,
    '@type': 'LiveBlogPosting',
    coverageStartTime: toTokyoIso(new Date(coverage.startedAt)),
    ...(coverage.endedAt ? { coverageEndTime: toTokyoIso(new Date(coverage.endedAt)) } : {}),
    liveBlogUpdate: updates.map((update) => ({
      '@type': 'BlogPosting',
      headline: liveUpdateHeadline(update),
      datePublished: toTokyoIso(new Date(update.postedAt)),
      ...(update.editedAt ? { dateModified: toTokyoIso(new Date(update.editedAt)) } : {}),
      url: absoluteUrl(routes.liveUpdate.href(article.slug, update.id)),
      articleBody: update.paragraphs.join('\n\n'),
    })),
  };
}
