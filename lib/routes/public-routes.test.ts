import { describe, expect, it } from 'vitest';
import { internalListingPath, parsePublicRoute } from './public-routes';

const parse = (url: string) => {
  const parsed = new URL(url, 'http://kiji.test');
  return parsePublicRoute(parsed.pathname, parsed.searchParams);
};

describe('public routes', () => {
  it('reads article slugs and their Open Graph images', () => {
    expect(parse('/articles/trump-urges-ceasefire')).toEqual({ kind: 'article', slug: 'trump-urges-ceasefire' });
    expect(parse('/articles/abc/opengraph-image')).toEqual({ kind: 'invalid' });
    expect(parse('/articles/abc/other')).toEqual({ kind: 'invalid' });
  });

  it('reads listings with ?page and maps them to their internal paths', () => {
    expect(parse('/category/world?page=2')).toEqual({ kind: 'category', slug: 'world', page: 2 });
    expect(internalListingPath(parse('/category/world?page=2'))).toBe('/category/world/page/2');
    expect(parse('/tag/%E5%81%9C%E6%88%A6')).toEqual({ kind: 'tag', slug: '停戦', page: 1 });
    expect(internalListingPath(parse('/tag/%E5%81%9C%E6%88%A6?page=3'))).toBe('/tag/%E5%81%9C%E6%88%A6/page/3');
    expect(parse('/archive/2025/10')).toEqual({ kind: 'archive', year: 2025, month: 10, page: 1 });
    expect(parse('/category/world/feed.xml')).toEqual({ kind: 'categoryFeed', slug: 'world' });
    expect(parse('/sitemaps/articles-2.xml')).toEqual({ kind: 'sitemapPart', file: 'articles-2.xml' });
  });

  it('refuses hostile and malformed values instead of passing them on', () => {
    for (const url of [
      '/articles/UPPER',
      '/articles/%E0%A4%A',
      '/articles/a%00b',
      '/articles/..%2F..%2Fetc',
      `/articles/${'a'.repeat(101)}`,
      '/category/world?page=0',
      '/category/world?page=-1',
      '/category/world?page=abc',
      '/category/world?page=1&page=2',
      '/category/world?page=9999999',
      '/category/world/page/2',
      '/category/%27%22',
      '/tag/a%2Fb',
      '/tag/%00',
      '/archive/2025/13',
      '/archive/25/10',
      '/archive/2025/10/extra',
      '/sitemaps/%E0%A4%A',
      '/sitemaps/%',
      '/sitemaps/articles-0.xml',
      '/sitemaps/x/articles-1.xml',
    ]) {
      expect(parse(url), url).toEqual({ kind: 'invalid' });
    }
  });

  it('names the pages without parameters by their entry, and leaves unknown paths to Next', () => {
    expect(parse('/')).toEqual({ kind: 'home' });
    expect(parse('/archive')).toEqual({ kind: 'archiveIndex' });
    expect(parse('/search?q=x')).toEqual({ kind: 'search' });
    expect(parse('/wp-login.php')).toEqual({ kind: 'other' });
    expect(parse('/about/nothing')).toEqual({ kind: 'other' });
  });
});
