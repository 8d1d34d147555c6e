import type { Metadata } from 'next';
import type {
  BreadcrumbList,
  NewsArticle,
  NewsMediaOrganizationLeaf,
  ProfilePage,
  WebSite,
  WithContext,
} from 'schema-dts';
import { SQUARE_LOGO_SIZE } from './site-mark';
import type { EditorProfile } from '../editorial/profiles';
import type { ArticleSummary, ArticleView } from '../articles/views';
import { toTokyoIso } from '../format/dates';
import { aiDisclosureValue } from '../articles/disclosure';
import { config, siteUrl } from '../platform/config';
import { routes } from '../routes/registry';
import { CROPS, cropFile, cropSize, IMAGE_DIGITAL_SOURCE_TYPES, imageUrl, type CropName } from '../media/renditions';

/** Everything search engines read about Kiji: URLs, page metadata and schema.org data. */

export function absoluteUrl(path: string): string {
  return `${siteUrl()}${path.startsWith('/') ? path : `/${path}`}`;
}

export function description(text: string, length = 120): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > length ? `${flat.slice(0, length - 1)}…` : flat;
}

/** An image with its size in pixels as numbers, as Google reads it (schema-dts types sizes as text). */
export type SizedImage = { '@type': 'ImageObject'; url: string; width: number; height: number };

export type PublisherJsonLd = Omit<NewsMediaOrganizationLeaf, 'logo'> & { logo: SizedImage };

/** The publisher by name and identity, where another document mentions it (its logo is on /about). */
export function publisherRef(): NewsMediaOrganizationLeaf {
  return {
    '@type': 'NewsMediaOrganization',
    '@id': `${absoluteUrl('/')}#publisher`,
    name: config().SITE_NAME,
    url: absoluteUrl('/'),
  };
}

/**
 * The publisher, as a NewsMediaOrganization with the Trust Project's indicators, each pointing at
 * the page of Kiji's that answers it: how it works and uses AI (/about/ai, which also says how the
 * AI's output is checked and why AI articles carry no personal byline), how it corrects
 * (/about/corrections), who publishes and answers for it (/about), and how readers reach the
 * newsroom (/contact). Its logo is the square mark, above the 112 × 112 Google asks for. The
 * publisher's accounts and associations come from its configuration, as /.well-known/trust.txt's do.
 */
export function organization(): PublisherJsonLd {
  const { KIJI_PUBLISHER_SOCIAL, KIJI_PUBLISHER_BELONGTO } = config();
  const about = absoluteUrl(routes.about.href());
  const aiPolicy = absoluteUrl(routes.aboutAi.href());
  const contact = absoluteUrl(routes.contact.href());
  return {
    ...publisherRef(),
    logo: {
      '@type': 'ImageObject',
      url: absoluteUrl(routes.logo.href()),
      width: SQUARE_LOGO_SIZE,
      height: SQUARE_LOGO_SIZE,
    },
    publishingPrinciples: aiPolicy,
    correctionsPolicy: absoluteUrl(routes.aboutCorrections.href()),
    verificationFactCheckingPolicy: aiPolicy,
    actionableFeedbackPolicy: contact,
    masthead: about,
    ownershipFundingInfo: about,
    noBylinesPolicy: aiPolicy,
    contactPoint: { '@type': 'ContactPoint', contactType: 'editorial', url: contact },
    ...(KIJI_PUBLISHER_SOCIAL.length > 0 ? { sameAs: KIJI_PUBLISHER_SOCIAL } : {}),
    ...(KIJI_PUBLISHER_BELONGTO.length > 0
      ? { memberOf: KIJI_PUBLISHER_BELONGTO.map((url) => ({ '@type': 'Organization' as const, url })) }
      : {}),
  };
}

/** The publisher on its own page (/about), as a document of its own. */
export function publisherJsonLd(): PublisherJsonLd & { '@context': 'https://schema.org' } {
  return { '@context': 'https://schema.org', ...organization() };
}

/** schema.org's terms, which mirror IPTC's digital source types. */
export const DIGITAL_SOURCE_TYPES = {
  'ai-generated': 'https://schema.org/TrainedAlgorithmicMediaDigitalSource',
  'ai-assisted': 'https://schema.org/CompositeWithTrainedAlgorithmicMediaDigitalSource',
} as const;

function sourceWork(source: ArticleView['sources'][number]) {
  return {
    '@type': 'CreativeWork' as const,
    name: source.title,
    url: source.url,
    ...(source.publisher ? { publisher: { '@type': 'Organization' as const, name: source.publisher } } : {}),
  };
}

/**
 * `citation` lists every source; `isBasedOn` the ones the sections cite, or every source when no
 * section cites one (the text form lists sources without markers). Both are left out, never
 * empty, when there is no source.
 */
function sourcesJsonLd(article: ArticleView) {
  if (article.sources.length === 0) return {};
  const cited = [...new Set(article.sections.flatMap((section) => section.cites))]
    .sort((a, b) => a - b)
    .flatMap((n) => (article.sources[n - 1] ? [article.sources[n - 1]!] : []));
  return {
    citation: article.sources.map(sourceWork),
    isBasedOn: (cited.length > 0 ? cited : article.sources).map(sourceWork),
  };
}

const SHAPES = Object.keys(CROPS) as CropName[];

/**
 * The images search engines are given: 16:9, 4:3 and 1:1, each 1200 px wide, cut from the lead
 * image at upload, with its caption, credit and IPTC digital source type; an article without one
 * gives its generated share image in the same shapes.
 */
export function articleImagesJsonLd(article: ArticleView) {
  const image = article.leadImage;
  return SHAPES.map((shape) => ({
    '@type': 'ImageObject' as const,
    url: absoluteUrl(
      image ? imageUrl(image.id, cropFile(shape)) : routes.article.image(article.slug, article.version, shape),
    ),
    width: cropSize(shape).width,
    height: cropSize(shape).height,
    ...(image
      ? {
          caption: image.caption ?? image.alt,
          ...(image.credit ? { creditText: image.credit } : {}),
          digitalSourceType: IMAGE_DIGITAL_SOURCE_TYPES[image.source],
        }
      : {}),
  }));
}

/** The editor who answers for the article, as a Person with their profile; else the publisher. */
function articleAuthor(article: ArticleView) {
  if (!article.byline) return publisherRef();
  return {
    '@type': 'Person' as const,
    name: article.byline.name,
    url: absoluteUrl(routes.editor.href(article.byline.slug)),
    ...(article.byline.jobTitle ? { jobTitle: article.byline.jobTitle } : {}),
    worksFor: publisherRef(),
  };
}

/** The page's share card: the lead image's 16:9 cut when there is one, else the generated card. */
export function shareImage(article: ArticleView): { url: string; width: number; height: number; alt: string } {
  if (article.leadImage) {
    return { url: imageUrl(article.leadImage.id, cropFile('16x9')), ...cropSize('16x9'), alt: article.leadImage.alt };
  }
  return { url: routes.article.image(article.slug, article.version), width: 1200, height: 630, alt: article.title };
}

/**
 * schema-dts types an image's width and height as text or QuantitativeValue; Google's structured
 * data reads them as numbers, so the article's images are typed here instead.
 */
export type NewsArticleJsonLd = Omit<WithContext<NewsArticle>, 'image' | 'publisher'> & {
  image: ReturnType<typeof articleImagesJsonLd>;
  publisher: PublisherJsonLd;
};

export function newsArticleJsonLd(article: ArticleView): NewsArticleJsonLd {
  const url = absoluteUrl(routes.article.href(article.slug));
  const digitalSourceType = article.disclosure === 'human' ? undefined : DIGITAL_SOURCE_TYPES[article.disclosure];
  // A list property only when it has members: an empty array tells a crawler nothing.
  const keywords = article.tags.map((tag) => tag.name);
  return {
    '@context': 'https://schema.org',
    // AnalysisNewsArticle is a subtype of NewsArticle; schema-dts types both the same way.
    '@type': (article.kind === 'analysis' ? 'AnalysisNewsArticle' : 'NewsArticle') as 'NewsArticle',
    headline: article.title,
    ...(article.subtitle ? { alternativeHeadline: article.subtitle } : {}),
    description: description(article.lead, 200),
    image: articleImagesJsonLd(article),
    mainEntityOfPage: { '@type': 'WebPage', '@id': url },
    url,
    articleSection: article.category.name,
    ...(keywords.length > 0 ? { keywords } : {}),
    datePublished: toTokyoIso(new Date(article.publishedAt)),
    dateModified: toTokyoIso(new Date(article.updatedAt)),
    inLanguage: 'ja',
    isAccessibleForFree: true,
    author: articleAuthor(article),
    publisher: organization(),
    ...(digitalSourceType ? { digitalSourceType } : {}),
    ...sourcesJsonLd(article),
    ...(article.corrections.length > 0
      ? {
          correction: article.corrections.map((correction) => ({
            '@type': 'CorrectionComment',
            text: `${correction.whatWasWrong}。${correction.whatChanged}。`,
            datePublished: toTokyoIso(new Date(correction.correctedAt)),
          })),
        }
      : {}),
  } as NewsArticleJsonLd;
}

/** An editor's profile page, for the bylines that link to it (schema.org ProfilePage). */
export function editorProfileJsonLd(profile: EditorProfile): WithContext<ProfilePage> {
  const url = absoluteUrl(routes.editor.href(profile.slug));
  return {
    '@context': 'https://schema.org',
    '@type': 'ProfilePage',
    url,
    inLanguage: 'ja',
    mainEntity: {
      '@type': 'Person',
      '@id': url,
      name: profile.name,
      url,
      ...(profile.jobTitle ? { jobTitle: profile.jobTitle } : {}),
      description: description(profile.bio, 200),
      worksFor: publisherRef(),
    },
  };
}

export function breadcrumbJsonLd(items: { name: string; path: string }[]): WithContext<BreadcrumbList> {
  return {
    '@context': 'https://schema.org',
    '@type': 'BreadcrumbList',
    itemListElement: items.map((item, index) => ({
      '@type': 'ListItem',
      position: index + 1,
      name: item.name,
      item: absoluteUrl(item.path),
    })),
  };
}

export function websiteJsonLd(): WithContext<WebSite> {
  const { SITE_NAME } = config();
  return {
    '@context': 'https://schema.org',
    '@type': 'WebSite',
    name: SITE_NAME,
    url: absoluteUrl('/'),
    inLanguage: 'ja',
    publisher: publisherRef(),
    potentialAction: {
      '@type': 'SearchAction',
      target: { '@type': 'EntryPoint', urlTemplate: `${absoluteUrl(routes.search.href())}?q={search_term_string}` },
      'query-input': 'required name=search_term_string',
    } as WebSite['potentialAction'],
  };
}

type Feed = { url: string; title: string };

/**
 * A page's alternates: its canonical URL and the site's feeds for autodiscovery, plus any feed of
 * its own (a category's). Next replaces the layout's `alternates` with a page's, so every page
 * that names a canonical names the feeds again here.
 */
export function pageAlternates(canonical: string, ownFeeds: Feed[] = []): NonNullable<Metadata['alternates']> {
  const { SITE_NAME } = config();
  return {
    canonical,
    types: {
      'application/rss+xml': [...ownFeeds, { url: routes.feed.href(), title: `${SITE_NAME} RSS` }],
      'application/atom+xml': [{ url: routes.atom.href(), title: `${SITE_NAME} Atom` }],
    },
  };
}

/**
 * A page that is not an article or a listing (about, contact, archive, corrections…): its title,
 * description, canonical path and feeds, and the same path as og:url. Next replaces the layout's
 * openGraph with a page's whole, so the site's name and locale are named here again.
 */
export function pageMetadata({
  title,
  description: summary,
  path,
  feeds = [],
}: {
  title: string;
  description: string;
  path: string;
  feeds?: Feed[];
}): Metadata {
  return {
    title,
    description: summary,
    alternates: pageAlternates(path, feeds),
    openGraph: {
      type: 'website',
      locale: 'ja_JP',
      siteName: config().SITE_NAME,
      url: path,
      title,
      description: summary,
    },
  };
}

export function articleMetadata(article: ArticleView): Metadata {
  const path = routes.article.href(article.slug);
  const share = shareImage(article);
  return {
    title: article.title,
    description: description(article.lead),
    alternates: pageAlternates(path),
    openGraph: {
      type: 'article',
      locale: 'ja_JP',
      url: path,
      siteName: config().SITE_NAME,
      title: article.title,
      description: description(article.lead),
      publishedTime: toTokyoIso(new Date(article.publishedAt)),
      modifiedTime: toTokyoIso(new Date(article.updatedAt)),
      section: article.category.name,
      tags: article.tags.map((tag) => tag.name),
      images: [share],
    },
    twitter: {
      card: 'summary_large_image',
      title: article.title,
      description: description(article.lead),
      images: [share.url],
    },
    other: { 'ai-disclosure': aiDisclosureValue(article.disclosure) },
    // Demo content is for trying Kiji out, not for search engines.
    ...(article.demo ? { robots: { index: false, follow: true, 'max-image-preview': 'large' } } : {}),
  };
}

export function listingMetadata({
  title,
  path,
  page,
  summary,
  feeds = [],
}: {
  title: string;
  path: string;
  page: number;
  summary: string;
  /** Feeds of this listing's own (a category's), offered before the site's. */
  feeds?: Feed[];
}): Metadata {
  const canonical = page > 1 ? `${path}?page=${page}` : path;
  const fullTitle = page > 1 ? `${title}（${page}ページ目）` : title;
  return {
    title: fullTitle,
    description: summary,
    alternates: pageAlternates(canonical, feeds),
    openGraph: {
      type: 'website',
      locale: 'ja_JP',
      siteName: config().SITE_NAME,
      url: canonical,
      title: fullTitle,
      description: summary,
    },
    twitter: { card: 'summary', title: fullTitle, description: summary },
  };
}

export type { ArticleSummary };
