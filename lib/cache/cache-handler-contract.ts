import { expect, it } from 'vitest';
import KijiCacheHandler from './next-cache-handler.mjs';
import { EVERYTHING_TAG, type SharedStore } from './store.mjs';
import { runtime } from '../platform/runtime.mjs';

/**
 * What Next needs from its cache handler, checked against each store: entries come back as they
 * went in (Buffers and Maps included), and a tag expired after an entry was written hides it.
 */
export function cacheHandlerContract(makeStore: () => SharedStore) {
  const page = (title: string) => ({
    kind: 'APP_PAGE',
    html: `<h1>${title}</h1>`,
    rscData: Buffer.from(`rsc:${title}`),
    segmentData: new Map([['/_tree', Buffer.from('tree')]]),
    headers: { 'x-next-cache-tags': 'article:a,articles,_N_T_/articles/a' },
    status: 200,
  });
  const WINDOW_MS = 40;
  const MARGIN_MS = 5;
  const handler = () =>
    Object.assign(new KijiCacheHandler(), { store: makeStore(), raceWindowMs: WINDOW_MS, clockMarginMs: MARGIN_MS });
  const key = `/route-cache/APP_PAGE/${Math.random().toString(36).slice(2)}/$/articles/a`;

  it('returns a page exactly as it was stored, RSC payload and segments included', async () => {
    const cache = handler();
    await cache.set(key, page('最初'), { cacheControl: { revalidate: 3600, expire: 31536000 } });
    const hit = await cache.get(key, { kind: 'APP_PAGE' });
    expect(hit?.value).toEqual(page('最初'));
    expect(Buffer.isBuffer((hit?.value as { rscData: unknown }).rscData)).toBe(true);
    expect(hit?.cacheControl).toEqual({ revalidate: 3600, expire: 31536000 });
  });

  it('keeps a page as the document the server sends, in bytes, not as the string Next made (issue #29)', async () => {
    const store = makeStore();
    const cache = Object.assign(new KijiCacheHandler(), { store, raceWindowMs: WINDOW_MS });
    const previous = runtime().pageDocument;
    runtime().pageDocument = (_path, html) => html.replace('<h1>', '<h1 class="served">');
    try {
      await cache.set(key, page('保存'), { cacheControl: { revalidate: 3600, expire: 31536000 } });
    } finally {
      runtime().pageDocument = previous;
    }
    const stored = (await store.getEntry(key))?.value as { html: unknown };
    expect(Buffer.isBuffer(stored.html)).toBe(true);
    expect(String(stored.html)).toBe('<h1 class="served">保存</h1>');
    expect((await cache.get(key, { kind: 'APP_PAGE' }))?.value).toEqual({
      ...page('保存'),
      html: '<h1 class="served">保存</h1>',
    });
  });

  it('hides an entry once one of its tags is expired, and serves what is stored after that', async () => {
    const cache = handler();
    await cache.set(key, page('古い'), {});
    await new Promise((resolve) => setTimeout(resolve, 2));
    await cache.revalidateTag(['article:b'], { expire: 0 });
    expect(await cache.get(key, { kind: 'APP_PAGE' })).not.toBeNull();
    await cache.revalidateTag('article:a', { expire: 0 });
    await new Promise((resolve) => setTimeout(resolve, MARGIN_MS + 5));
    // Hidden: the render that follows this miss begins after the expiry, so what it stores is kept.
    expect(await cache.get(key, { kind: 'APP_PAGE' })).toBeNull();
    await cache.set(key, page('新しい'), {});
    expect((await cache.get(key, { kind: 'APP_PAGE' }))?.value).toEqual(page('新しい'));
  });

  it('does not keep a render that finished just after a write, since it may have read the data before it', async () => {
    const cache = handler();
    await cache.revalidateTag('article:a', { expire: 0 });
    // Stored a moment after the expiry, inside the window: possibly rendered from the old data.
    await new Promise((resolve) => setTimeout(resolve, 2));
    await cache.set(key, page('競合'), {});
    expect(await cache.get(key, { kind: 'APP_PAGE' })).toBeNull();
  });

  it('keeps a render that began after a write: a page touched by a write is rendered once, not again for the race window', async () => {
    const cache = handler();
    const fresh = `${key}-after`;
    await cache.revalidateTag('article:a', { expire: 0 });
    await new Promise((resolve) => setTimeout(resolve, MARGIN_MS + 5));
    // Next asks first (a miss: the render begins), then stores what it rendered.
    expect(await cache.get(fresh, { kind: 'APP_PAGE' })).toBeNull();
    await cache.set(fresh, page('書き込みの後'), {});
    expect((await cache.get(fresh, { kind: 'APP_PAGE' }))?.value).toEqual(page('書き込みの後'));
  });

  it('does not keep a render that began before a write and was stored after it, however long it took', async () => {
    const cache = handler();
    const raced = `${key}-raced`;
    expect(await cache.get(raced, { kind: 'APP_PAGE' })).toBeNull();
    await new Promise((resolve) => setTimeout(resolve, WINDOW_MS + MARGIN_MS + 10));
    await cache.revalidateTag('article:a', { expire: 0 });
    await new Promise((resolve) => setTimeout(resolve, WINDOW_MS + 10));
    // Stored longer after the write than the race window: its render read the data before it.
    await cache.set(raced, page('競合'), {});
    expect(await cache.get(raced, { kind: 'APP_PAGE' })).toBeNull();
  });

  it('keeps the first render after a write even when it begins within the clocks’ margin of it, and not one a second write overtakes', async () => {
    // A margin far wider than the test: only the expiry the miss saw can let the render be kept.
    const cache = Object.assign(handler(), { clockMarginMs: 60_000 });
    const first = `${key}-first`;
    await cache.set(first, page('書き込みの前'), {});
    await new Promise((resolve) => setTimeout(resolve, 2));
    await cache.revalidateTag('article:a', { expire: 0 });
    expect(await cache.get(first, { kind: 'APP_PAGE' })).toBeNull();
    await cache.set(first, page('書き込みの後'), {});
    expect((await cache.get(first, { kind: 'APP_PAGE' }))?.value).toEqual(page('書き込みの後'));

    // A second write while the next render is under way hides what that render stores.
    await new Promise((resolve) => setTimeout(resolve, 2));
    await cache.revalidateTag('article:a', { expire: 0 });
    expect(await cache.get(first, { kind: 'APP_PAGE' })).toBeNull();
    await new Promise((resolve) => setTimeout(resolve, 2));
    await cache.revalidateTag('article:a', { expire: 0 });
    await cache.set(first, page('追い越された'), {});
    expect(await cache.get(first, { kind: 'APP_PAGE' })).toBeNull();
  });

  it('expires cached data by the tags given when it was stored and when it is read', async () => {
    const cache = handler();
    const dataKey = `data-${Math.random().toString(36).slice(2)}`;
    await cache.set(
      dataKey,
      { kind: 'FETCH', data: { body: '{"n":1}', headers: {}, status: 200 }, revalidate: 60 },
      { fetchCache: true, tags: ['category:world'] },
    );
    expect(await cache.get(dataKey, { kind: 'FETCH', tags: ['category:world'], softTags: [] })).not.toBeNull();
    await new Promise((resolve) => setTimeout(resolve, 2));
    await cache.revalidateTag(['_N_T_/category/world']);
    expect(
      await cache.get(dataKey, { kind: 'FETCH', tags: ['category:world'], softTags: ['_N_T_/category/world'] }),
    ).toBeNull();
  });

  it('knows which public pages it holds, for serving them while the database is down', async () => {
    const store = makeStore();
    const cache = Object.assign(new KijiCacheHandler(), { store, raceWindowMs: WINDOW_MS });
    const path = `/articles/held-${Math.random().toString(36).slice(2)}`;
    await cache.set(
      `/route-cache/APP_PAGE/abc/$${path}`,
      { ...page('保持'), headers: { 'x-next-cache-tags': `article:${path}` } },
      {},
    );
    expect(await store.keyForPath(path)).toBe(`/route-cache/APP_PAGE/abc/$${path}`);
  });

  it('never moves an expiry back: an older expiry arriving late does not revive what a newer one hid', async () => {
    const store = makeStore();
    const tag = `article:late-${Math.random().toString(36).slice(2)}`;
    const now = Date.now();
    await store.expireTags([tag], now);
    await store.expireTags([tag], now - 10_000);
    expect((await store.tagExpiries([tag]))[0]).toBe(now);
  });

  // Last: it expires everything under the store's prefix.
  it('hides every entry, whatever its tags, once everything is expired (an instance that may have missed changes)', async () => {
    const store = makeStore();
    const cache = Object.assign(new KijiCacheHandler(), { store, raceWindowMs: WINDOW_MS });
    const untagged = `/route-cache/APP_PAGE/all/$/about/${Math.random().toString(36).slice(2)}`;
    await cache.set(untagged, { ...page('全部'), headers: { 'x-next-cache-tags': 'setting:about' } }, {});
    await new Promise((resolve) => setTimeout(resolve, WINDOW_MS + 10));
    expect(await cache.get(untagged, { kind: 'APP_PAGE' })).not.toBeNull();
    await store.expireTags([EVERYTHING_TAG], Date.now());
    expect(await cache.get(untagged, { kind: 'APP_PAGE' })).toBeNull();
  });
}
