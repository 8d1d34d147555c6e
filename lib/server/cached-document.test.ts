import { beforeEach, describe, expect, it } from 'vitest';
import { cachedDocument, matchesEtag, notModifiedSince, pageDocument } from './cached-document';
import { memoKeys } from '../cache/keys';
import { sharedStore } from '../cache/store.mjs';

const store = sharedStore();
const html =
  '<html><head><script src="/_next/x.js"></script></head><body><h1>記事</h1><script>self.__next_f.push([1])</script></body></html>';
const page = (path: string, overrides: Record<string, unknown> = {}, tags = ['article:a', 'articles']) =>
  store.setEntry(`/route-cache/APP_PAGE/hash/$${path}`, {
    lastModified: Date.now() - 10,
    value: { kind: 'APP_PAGE', html, status: 200, headers: { 'x-next-cache-tags': tags.join(',') }, ...overrides },
    cacheControl: { revalidate: 3600, expire: 31536000 },
    tags,
  });

describe('answering from the shared store without Next', () => {
  beforeEach(async () => {
    await store.setMemo(
      memoKeys.disclosure('a'),
      { value: 'ai-generated', tags: ['article:a', 'articles'], loadedAt: Date.now() - 10 },
      60_000,
    );
  });

  it('sends a fresh article script-free, with its disclosure and the public headers', async () => {
    await page('/articles/a');
    const document = await cachedDocument('/articles/a?utm_source=x');
    expect(document?.bodies.identity.toString()).toBe('<html><head></head><body><h1>記事</h1></body></html>');
    expect(document?.headers).toMatchObject({
      'AI-Disclosure': 'ai-generated',
      'x-nextjs-cache': 'HIT',
      'Cache-Control': 'public, s-maxage=1, stale-while-revalidate=59',
    });
    expect(document?.headers['Content-Security-Policy']).toContain("script-src 'none'");
    // When it was rendered, to the second, for If-Modified-Since.
    expect(Date.parse(document!.headers['Last-Modified']!)).toBeGreaterThan(Date.now() - 60_000);
  });

  it('finds listings under their internal paths, page numbers included', async () => {
    await page('/category/world/page/2', {}, ['category:world', 'articles']);
    expect(await cachedDocument('/category/world?page=2')).not.toBeNull();
    expect(await cachedDocument('/category/world?page=3')).toBeNull();
  });

  it('leaves everything else to Next: expired tags, a stale render, a 404, an unknown disclosure, other routes', async () => {
    await page('/articles/b', {}, ['article:b', 'articles']);
    expect(await cachedDocument('/articles/b')).toBeNull(); // no remembered disclosure
    await page('/articles/a');
    await new Promise((resolve) => setTimeout(resolve, 2));
    await store.expireTags(['article:a'], Date.now());
    expect(await cachedDocument('/articles/a')).toBeNull();
    await page('/articles/c', { status: 404 }, ['article:c']);
    expect(await cachedDocument('/articles/c')).toBeNull();
    await store.setEntry('/route-cache/APP_PAGE/hash/$/index', {
      lastModified: Date.now() - 7_200_000,
      value: { kind: 'APP_PAGE', html, status: 200 },
      cacheControl: { revalidate: 3600 },
      tags: [],
    });
    expect(await cachedDocument('/')).toBeNull();
    expect(await cachedDocument('/articles/a/more')).toBeNull();
    expect(await cachedDocument('/search?q=a')).toBeNull();
    expect(await cachedDocument('/articles/NOT_VALID')).toBeNull();
  });
});

describe('validators', () => {
  it('match If-None-Match by weak comparison, in a list, or as a wildcard', () => {
    const etag = 'W/"lq2-9k"';
    expect(matchesEtag('W/"lq2-9k"', etag)).toBe(true);
    expect(matchesEtag('"lq2-9k"', etag)).toBe(true);
    expect(matchesEtag('W/"other", W/"lq2-9k"', etag)).toBe(true);
    expect(matchesEtag('*', etag)).toBe(true);
    expect(matchesEtag('W/"lq2-9l"', etag)).toBe(false);
    expect(matchesEtag(undefined, etag)).toBe(false);
  });

  it('answer If-Modified-Since at or after the render, and not before it or when unreadable', () => {
    const lastModified = 'Sun, 06 Dec 2026 03:00:00 GMT';
    expect(notModifiedSince('Sun, 06 Dec 2026 03:00:00 GMT', lastModified)).toBe(true);
    expect(notModifiedSince('Sun, 06 Dec 2026 04:00:00 GMT', lastModified)).toBe(true);
    expect(notModifiedSince('Sun, 06 Dec 2026 02:59:59 GMT', lastModified)).toBe(false);
    expect(notModifiedSince('yesterday', lastModified)).toBe(false);
    expect(notModifiedSince(undefined, lastModified)).toBe(false);
  });
});

describe('what the store keeps of a page Next rendered', () => {
  it('is a public page without its scripts, the same when stripped again', () => {
    const kept = pageDocument('/articles/a', html);
    expect(kept).toBe('<html><head></head><body><h1>記事</h1></body></html>');
    expect(pageDocument('/articles/a', kept)).toBe(kept);
    expect(pageDocument('/index', html)).toBe(kept);
  });

  it('is any other page as Next made it', () => {
    expect(pageDocument('/admin/login', html)).toBe(html);
  });
});
