import { toTokyoIso } from '../format/dates';
import { escapeXml } from './xml';

/** The sitemap protocol's limit: past it, /sitemap.xml becomes an index of numbered sitemaps. */
export const SITEMAP_MAX_URLS = 50_000;
export const SITEMAP_NS = 'http://www.sitemaps.org/schemas/sitemap/0.9';
export const NEWS_NS = 'http://www.google.com/schemas/sitemap-news/0.9';

export type SitemapUrl = { loc: string; lastmod?: string };

export function urlset(urls: SitemapUrl[]): string {
  const entries = urls
    .map(
      (url) =>
        `\n  <url><loc>${escapeXml(url.loc)}</loc>${url.lastmod ? `<lastmod>${toTokyoIso(new Date(url.lastmod))}</lastmod>` : ''}</url>`,
    )
    .join('');
  return `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="${SITEMAP_NS}">${entries}\n</urlset>\n`;
}

export function sitemapIndex(locations: string[]): string {
  const entries = locations.map((loc) => `\n  <sitemap><loc>${escapeXml(loc)}</loc></sitemap>`).join('');
  return `<?xml version="1.0" encoding="UTF-8"?>\n<sitemapindex xmlns="${SITEMAP_NS}">${entries}\n</sitemapindex>\n`;
}

/** How /sitemap.xml is laid out for this many article URLs (plus the fixed pages). */
export function sitemapPlan(articleCount: number, fixedCount: number, limit = SITEMAP_MAX_URLS) {
  if (articleCount + fixedCount <= limit) return { kind: 'single' as const };
  return { kind: 'index' as const, articleChunks: Math.ceil(articleCount / limit), chunkSize: limit };
}

export type NewsEntry = { loc: string; title: string; publishedAt: string };

/**
 * The news sitemap: articles of the last two days. The sitemap schema needs at least one <url>, so
 * a quiet spell lists the home page, without news tags, which news crawlers skip.
 */
export function newsUrlset(entries: NewsEntry[], publicationName: string, homeLoc: string): string {
  if (entries.length === 0) {
    return `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="${SITEMAP_NS}" xmlns:news="${NEWS_NS}">\n  <url><loc>${escapeXml(homeLoc)}</loc></url>\n</urlset>\n`;
  }
  const items = entries
    .map(
      (entry) => `
  <url>
    <loc>${escapeXml(entry.loc)}</loc>
    <news:news>
      <news:publication><news:name>${escapeXml(publicationName)}</news:name><news:language>ja</news:language></news:publication>
      <news:publication_date>${toTokyoIso(new Date(entry.publishedAt))}</news:publication_date>
      <news:title>${escapeXml(entry.title)}</news:title>
    </news:news>
  </url>`,
    )
    .join('');
  return `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="${SITEMAP_NS}" xmlns:news="${NEWS_NS}">${items}\n</urlset>\n`;
}
