import type { DisclosureKind } from './disclosure';
import type { ImageSize, ImageView } from '../media/renditions';
import type { PublicTexts } from './fields';
import type { PublicFact } from './claims/public-list';

/**
 * What the public pages receive: only the fields they render, with dates as ISO strings because
 * the cache stores JSON. Pure types and constants, with no `server-only`, so components import
 * them from here and never from the data layer.
 */

export const PAGE_SIZE = 20;
export type CategoryRef = { slug: string; name: string };

export type ArticleSummary = {
  slug: string;
  title: string;
  lead: string;
  publishedAt: string;
  updatedAt: string;
  category: CategoryRef;
  disclosure: DisclosureKind;
  /** The lead image, for listings: a card's picture is decorative, its headline says it all. */
  thumbnail: (ImageSize & { id: number }) | null;
};

export type CorrectionView = {
  correctedAt: string;
  whatWasWrong: string;
  whatChanged: string;
  beforeText: string | null;
  afterText: string | null;
};

export type GenerationRecord = {
  modelName: string | null;
  modelVersion: string | null;
  promptTemplateVersion: string | null;
  sourcesRetrievedAt: string | null;
};

/**
 * The article page's data. The declared fields readers see as stored (`public: true` in
 * lib/articles/fields.ts: the dateline's place, the reason for no source, the reviewer…) come
 * from the declaration as `PublicTexts`; the rest is shaped here.
 */
export type ArticleView = ArticleSummary &
  PublicTexts & {
    /** Bumped by every write: the share image's URL carries it, so a corrected headline gets a new card. */
    version: number;
    /** Demo content: the page says noindex, and sitemaps leave it out. */
    demo: boolean;
    disclaimer: string;
    kind: 'news' | 'analysis' | 'live';
    reviewedAt: string | null;
    generation: GenerationRecord;
    /** The editor who answers for the article, with a profile page; null: the newsroom signs it. */
    byline: { slug: string; name: string; jobTitle: string | null } | null;
    leadImage: ImageView | null;
    corrections: CorrectionView[];
    sections: { heading: string; paragraphs: string[]; cites: number[]; image: ImageView | null }[];
    /**
     * 参考・出典. `accessedAt` is the date the editor gave; `readAt` the day (YYYY-MM-DD, Japan time)
     * Kiji first read the text the figures were checked against, when it has.
     */
    sources: {
      title: string;
      url: string;
      publisher: string | null;
      accessedAt: string | null;
      readAt: string | null;
    }[];
    /**
     * How many of the article's figures were found in its sources, as the sentence この記事について
     * shows (worded in サイト設定), and whether a check stands behind it (docs/decisions/0028).
     */
    /**
     * The figures check as readers are told it: the statement in the default wording, and the
     * numbers, so a page can word it as the editors chose (claimsStatement, lib/articles/public.ts).
     */
    claims:
      | { checked: false; statement: string }
      | {
          checked: true;
          statement: string;
          total: number;
          found: number;
          date: string;
          /** Each checked fact, for the list readers may open (lib/articles/claims/public-list.ts). */
          facts?: PublicFact[];
        };
    tags: CategoryRef[];
    related: ArticleSummary[];
  };

export type ArticlePage = { articles: ArticleSummary[]; page: number; pageCount: number; total: number };

export type HomePage = {
  top: ArticleSummary | null;
  latest: ArticleSummary[];
  /**
   * The month of the newest article the home page leaves out, when there is one: its archive page
   * lists it first after the ones shown (they are all newer), so the reader goes on from there.
   */
  more: { year: number; month: number } | null;
  categories: { category: CategoryRef; articles: ArticleSummary[] }[];
};

/** A search result: the article's summary and a snippet of its text around the matched words. */
export type SearchHit = ArticleSummary & { titleHit: boolean; snippet: string };

/** Counting every match of a common word would read them all; past this, the page says "200件以上". */
export const SEARCH_COUNT_CAP = 200;

export type FeedItem = ArticleSummary & {
  /** For the generated share image's URL, when there is no lead image. */
  version: number;
  /** The lead image's words for readers who cannot see it. */
  leadImageAlt: string | null;
  sections: { heading: string; paragraphs: string[] }[];
  /** The article's 参考・出典, which a feed item carries as the page does. */
  sources: { title: string; url: string; publisher: string | null }[];
  noSourcesReason: string | null;
  tags: string[];
  kind: 'news' | 'analysis' | 'live';
};
