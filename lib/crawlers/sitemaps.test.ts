import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { newsUrlset, sitemapIndex, sitemapPlan, urlset } from './sitemaps';

describe('sitemaps', () => {
  it('stay a single sitemap up to 50,000 URLs and become an index past it', () => {
    expect(sitemapPlan(49_990, 10)).toEqual({ kind: 'single' });
    expect(sitemapPlan(49_991, 10)).toEqual({ kind: 'index', articleChunks: 1, chunkSize: 50_000 });
    expect(sitemapPlan(100_000, 10)).toEqual({ kind: 'index', articleChunks: 2, chunkSize: 50_000 });
    expect(sitemapPlan(100_001, 10)).toEqual({ kind: 'index', articleChunks: 3, chunkSize: 50_000 });
  });

  it('write valid XML with escaped locations', () => {
    const xml = urlset([{ loc: 'https://kiji.test/tag/a&b', lastmod: '2025-10-18T00:00:00.000Z' }]);
    expect(XMLValidator.validate(xml)).toBe(true);
    const parsed = new XMLParser().parse(xml);
    expect(parsed.urlset.url).toEqual({ loc: 'https://kiji.test/tag/a&b', lastmod: '2025-10-18T09:00:00+09:00' });
    expect(XMLValidator.validate(sitemapIndex(['https://kiji.test/sitemaps/1.xml']))).toBe(true);
  });

  it('keep at least one URL in the news sitemap, as the schema requires, when no article is recent', () => {
    const empty = newsUrlset([], 'Kiji', 'https://kiji.test/');
    expect(XMLValidator.validate(empty)).toBe(true);
    expect(new XMLParser().parse(empty).urlset.url).toEqual({ loc: 'https://kiji.test/' });
    const one = newsUrlset(
      [{ loc: 'https://kiji.test/articles/a', title: '見出し', publishedAt: '2025-10-18T00:00:00.000Z' }],
      'Kiji',
      'https://kiji.test/',
    );
    expect(new XMLParser().parse(one).urlset.url.loc).toBe('https://kiji.test/articles/a');
  });
});
