import 'server-only';

/**
 * What "public" means, and how a public row becomes what readers see. Every public read
 * (public-reads.ts, search.ts, corrections.ts) filters with this module's predicate.
 */
import { splitParagraphs } from '../format/normalize';
import { Prisma } from '../generated/prisma/client';
import { disclosureFromDb } from './disclosure';
import type { ArticleSummary, ArticleView, CorrectionView, GenerationRecord } from './views';
import { imageSourceFromDb, publicTextSelect, publicTexts } from './fields';
import type { ImageSourceKind, ImageView } from '../media/renditions';
import { claimsFingerprint } from './claims/fingerprint';
import { publicFactList } from './claims/public-list';
import { ARTICLE_TEXTS, fillTemplate } from './article-texts';
import { formatJapaneseDate, toTokyoDateKey } from '../format/dates';

/**
 * Public means: published, its time has come, and not deleted. This is the one definition, in the
 * two forms the queries need: a Prisma filter, and SQL for the raw queries (the database's clock).
 * lib/articles/public-reads.int.test.ts holds every public read to it over a table of edge rows.
 */
export function publicArticleWhere(now = new Date()): Prisma.ArticleWhereInput {
  return { status: 'published', publishedAt: { lte: now }, deletedAt: null };
}

/**
 * A live page's update readers may see (docs/decisions/0040), within a public live article: neither
 * taken down nor held for an editor's review (a pipeline's update before an editor posts it).
 */
export const publicLiveUpdateWhere = { deletedAt: null, heldForReview: false } satisfies Prisma.LiveUpdateWhereInput;

/**
 * What Kiji offers to machines that index or syndicate it: sitemaps, the news sitemap, and the RSS
 * and Atom feeds. Public articles, except demo content, which is for trying Kiji out: its page
 * says noindex (articleMetadata reads the same `demo` flag), and no feed or sitemap carries it.
 */
export function syndicatedArticleWhere(now = new Date()): Prisma.ArticleWhereInput {
  return { ...publicArticleWhere(now), demo: false };
}

export function publicArticleSql(alias?: 'a'): Prisma.Sql {
  const column = (name: string) => Prisma.raw(alias ? `${alias}.${name}` : name);
  return Prisma.sql`${column('status')} = 'published' AND ${column('published_at')} <= now() AND ${column('deleted_at')} IS NULL`;
}

export const summarySelect = {
  slug: true,
  title: true,
  lead: true,
  publishedAt: true,
  updatedAt: true,
  disclosure: true,
  category: { select: { slug: true, name: true } },
} satisfies Prisma.ArticleSelect;

/**
 * A summary with its lead image's size, for the lists that show pictures (home, feeds, related,
 * profiles). Paged listings leave it out: at page 500 of a category the extra join turns the
 * planner to a sequential scan (lib/articles/query-plans.int.test.ts).
 */
export const summaryWithImageSelect = {
  ...summarySelect,
  leadImage: { select: { id: true, width: true, height: true } },
} satisfies Prisma.ArticleSelect;

export type SummaryRow = Prisma.ArticleGetPayload<{ select: typeof summarySelect }> & {
  leadImage?: { id: number; width: number; height: number } | null;
};

export function toSummary(row: SummaryRow): ArticleSummary {
  return {
    slug: row.slug,
    title: row.title,
    lead: row.lead,
    publishedAt: (row.publishedAt ?? new Date(0)).toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    category: row.category,
    disclosure: disclosureFromDb(row.disclosure),
    thumbnail: row.leadImage ?? null,
  };
}

type ImageUse = {
  image: { id: number; width: number; height: number } | null;
  alt: string | null;
  caption: string | null;
  credit: string | null;
  source: string | null;
};

/** An image as the article uses it; an image without its alt text is never shown (the writer requires one). */
export function toImageView(use: ImageUse): ImageView | null {
  if (!use.image || !use.alt) return null;
  return {
    ...use.image,
    alt: use.alt,
    caption: use.caption,
    credit: use.credit,
    source: (imageSourceFromDb(use.source) || 'photograph') as ImageSourceKind,
  };
}

export const generationSelect = {
  modelName: true,
  modelVersion: true,
  promptTemplateVersion: true,
  sourcesRetrievedAt: true,
} satisfies Prisma.ArticleSelect;

export function toGenerationRecord(
  row: Prisma.ArticleGetPayload<{ select: typeof generationSelect }>,
): GenerationRecord {
  return { ...row, sourcesRetrievedAt: row.sourcesRetrievedAt?.toISOString() ?? null };
}

export const correctionSelect = {
  correctedAt: true,
  whatWasWrong: true,
  whatChanged: true,
  beforeText: true,
  afterText: true,
} satisfies Prisma.CorrectionSelect;

export function toCorrectionView(
  row: Prisma.CorrectionGetPayload<{ select: typeof correctionSelect }>,
): CorrectionView {
  return { ...row, correctedAt: row.correctedAt.toISOString() };
}

export const newestFirst: Prisma.ArticleOrderByWithRelationInput[] = [{ publishedAt: 'desc' }, { id: 'desc' }];

/** Everything an article page shows, in one query (relation joins). */
export const articleViewSelect = {
  ...summaryWithImageSelect,
  id: true,
  version: true,
  demo: true,
  categoryId: true,
  disclaimer: true,
  kind: true,
  ...publicTextSelect,
  reviewedAt: true,
  ...generationSelect,
  corrections: { orderBy: { correctedAt: 'desc' }, select: correctionSelect },
  leadImageAlt: true,
  leadImageCaption: true,
  leadImageCredit: true,
  leadImageSource: true,
  editor: { select: { name: true, profileSlug: true, jobTitle: true } },
  sections: {
    orderBy: { position: 'asc' },
    select: {
      heading: true,
      body: true,
      cites: true,
      image: { select: { id: true, width: true, height: true } },
      imageAlt: true,
      imageCaption: true,
      imageCredit: true,
      imageSource: true,
    },
  },
  sources: { orderBy: { position: 'asc' }, select: { title: true, url: true, publisher: true, accessedAt: true } },
  tags: { select: { tagId: true, tag: { select: { slug: true, name: true } } } },
  claimCheck: { select: { textHash: true, checkedAt: true, total: true, found: true, sourcesRead: true, facts: true } },
} satisfies Prisma.ArticleSelect;

export type ArticleViewRow = Prisma.ArticleGetPayload<{ select: typeof articleViewSelect }>;

/** The wording of the claim-check sentence; the site's settings may change the defaults. */
export type ClaimsWording = { checked: string; unchecked: string };
export const DEFAULT_CLAIMS_WORDING: ClaimsWording = {
  checked: ARTICLE_TEXTS['claims-checked'].fallback,
  unchecked: ARTICLE_TEXTS['claims-unchecked'].fallback,
};

/**
 * The stored claim check, while it is a check of the article as it now reads: an edit the checker
 * has not seen yet, or an article with no sources or no figures, shows the "not checked" wording.
 */
function claimsView(row: ArticleViewRow, wording: ClaimsWording): ArticleView['claims'] {
  const check = row.claimCheck;
  const current =
    check && row.sources.length > 0 && check.total > 0 && check.textHash === claimsFingerprint(row) ? check : null;
  if (!current) return { statement: wording.unchecked, checked: false };
  const numbers = { total: current.total, found: current.found, date: formatJapaneseDate(current.checkedAt) };
  return {
    statement: fillTemplate(wording.checked, numbers),
    checked: true,
    ...numbers,
    facts: publicFactList(current.facts),
  };
}

/**
 * The check's statement in the editors' wording (サイト設定): worded where the page renders, from the
 * site-wide texts read at start, so an article's own read costs no settings query and is tagged by
 * the article alone.
 */
export function claimsStatement(claims: ArticleView['claims'], wording: ClaimsWording): string {
  return claims.checked
    ? fillTemplate(wording.checked, { total: claims.total, found: claims.found, date: claims.date })
    : wording.unchecked;
}

function readDates(row: ArticleViewRow): Map<string, string> {
  const reads = row.claimCheck?.sourcesRead;
  const dates = new Map<string, string>();
  if (!Array.isArray(reads)) return dates;
  for (const entry of reads) {
    if (entry && typeof entry === 'object' && 'url' in entry && 'readAt' in entry) {
      dates.set(String(entry.url), toTokyoDateKey(new Date(String(entry.readAt))));
    }
  }
  return dates;
}

/** The article as readers see it: shared by the public page and the editors' preview. */
export function toArticleView(
  row: ArticleViewRow,
  related: ArticleSummary[],
  wording: ClaimsWording = DEFAULT_CLAIMS_WORDING,
): ArticleView {
  const read = readDates(row);
  return {
    ...toSummary(row),
    ...publicTexts(row),
    version: row.version,
    demo: row.demo,
    disclaimer: row.disclaimer,
    kind: row.kind,
    reviewedAt: row.reviewedAt?.toISOString() ?? null,
    generation: toGenerationRecord(row),
    byline: row.editor?.profileSlug
      ? { slug: row.editor.profileSlug, name: row.editor.name, jobTitle: row.editor.jobTitle }
      : null,
    leadImage: toImageView({
      image: row.leadImage,
      alt: row.leadImageAlt,
      caption: row.leadImageCaption,
      credit: row.leadImageCredit,
      source: row.leadImageSource,
    }),
    corrections: row.corrections.map(toCorrectionView),
    sections: row.sections.map((section) => ({
      heading: section.heading,
      paragraphs: splitParagraphs(section.body),
      cites: section.cites,
      image: toImageView({
        image: section.image,
        alt: section.imageAlt,
        caption: section.imageCaption,
        credit: section.imageCredit,
        source: section.imageSource,
      }),
    })),
    sources: row.sources.map((source) => ({
      ...source,
      accessedAt: source.accessedAt?.toISOString().slice(0, 10) ?? null,
      readAt: read.get(source.url) ?? null,
    })),
    claims: claimsView(row, wording),
    tags: row.tags.map(({ tag }) => tag),
    related,
  };
}
