import { describe, expect, it } from 'vitest';
import { cacheHandlerContract } from './cache-handler-contract';
import { entryTags, isExpired, pagePathname, pathnameOfKey } from './next-format.mjs';
import { decode, encode, MemoryStore } from './store.mjs';

describe('the in-memory cache handler (one instance, no REDIS_URL)', () => {
  cacheHandlerContract(() => new MemoryStore());
});

describe('the shared store', () => {
  it('round-trips Buffers and Maps through JSON', () => {
    const value = { rscData: Buffer.from([0, 1, 2, 255]), segments: new Map([['/a', Buffer.from('x')]]), text: '記事' };
    expect(decode(encode(value))).toEqual(value);
  });

  it('finds the public path in a page key, the home page included', () => {
    expect(pathnameOfKey('/route-cache/APP_PAGE/abc123/$/articles/a')).toBe('/articles/a');
    expect(pathnameOfKey('/route-cache/APP_PAGE/abc123/$/index')).toBe('/index');
    expect(pathnameOfKey('a-data-hash')).toBeNull();
    expect(pagePathname('/')).toBe('/index');
    expect(pagePathname('/category/world/')).toBe('/category/world');
    expect(pagePathname('/tag/%E9%80%9F%E5%A0%B1/page/1')).toBe('/tag/速報/page/1');
    expect(pagePathname('/tag/%E9%80%9F%E5/page/1')).toBe('/tag/%E9%80%9F%E5/page/1');
  });

  it('treats an entry as expired only by an expiry that has come and is newer than the entry', () => {
    const now = 1_000_000;
    expect(isExpired([undefined, now - 10], now - 5, now)).toBe(false);
    expect(isExpired([now - 1], now - 5, now)).toBe(true);
    expect(isExpired([now + 60_000], now - 5, now)).toBe(false);
  });

  it('reads an entry’s tags from its cache-tags header, its own tags and the call', () => {
    expect(entryTags({ headers: { 'x-next-cache-tags': 'a,b' } }, ['c'])).toEqual(['a', 'b', 'c']);
    expect(entryTags({ kind: 'FETCH', tags: ['x'] })).toEqual(['x']);
    expect(entryTags(null)).toEqual([]);
  });

  it('evicts the least recently used pages once past its byte budget', async () => {
    const store = new MemoryStore(30_000);
    const record = (n: number) => ({ lastModified: n, value: { kind: 'APP_PAGE', html: 'x'.repeat(5_000) }, tags: [] });
    await store.setEntry('one', record(1));
    await store.setEntry('two', record(2));
    await store.getEntry('one');
    await store.setEntry('three', record(3));
    expect(await store.getEntry('one')).not.toBeNull();
    expect(await store.getEntry('two')).toBeNull();
    expect(await store.getEntry('three')).not.toBeNull();
  });
});
