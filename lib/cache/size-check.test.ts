import { afterEach, describe, expect, it, vi } from 'vitest';
import { IncrementalCache } from 'next/dist/server/lib/incremental-cache';
import { skipUnusedSizeCheck } from './size-check.mjs';

type Stored = { key: string; data: Record<string, unknown>; ctx: unknown };

/** Next's own class, installed: a subclass per test, so a wrapper stays on that subclass. */
function nextCache() {
  const stored: Stored[] = [];
  class Handler {
    async get() {
      return null;
    }
    async set(key: string, data: Record<string, unknown>, ctx: unknown) {
      // What a store would keep, written while Next's call is still under way.
      stored.push({ key, data: JSON.parse(JSON.stringify(data)), ctx });
    }
    async revalidateTag() {}
    resetRequestCache() {}
  }
  class Probe extends IncrementalCache {}
  const cache = new Probe({
    dev: false,
    minimalMode: false,
    requestHeaders: {},
    previewProps: { previewModeId: 'preview', previewModeSigningKey: 'k', previewModeEncryptionKey: 'k' },
    prerenderManifest: { version: 4, routes: {}, dynamicRoutes: {}, notFoundRoutes: [], preview: {} },
    CurCacheHandler: Handler,
  } as unknown as ConstructorParameters<typeof IncrementalCache>[0]);
  return { cache, stored };
}

/** An ISR page's entry as Next stores it: its HTML, and its RSC payload as a Buffer. */
function pageData() {
  return {
    kind: 'APP_PAGE',
    html: '<html><body><h1>見出し</h1></body></html>',
    rscData: Buffer.from('0:{"P":null}\n'.repeat(500)),
    headers: { 'x-next-cache-tags': 'article:a' },
    postponed: undefined,
    status: 200,
    segmentData: new Map([['/_tree', Buffer.from('tree')]]),
  };
}

const pageContext = {
  kind: 'APP_PAGE',
  isRoutePPREnabled: false,
  isFallback: false,
  route: { kind: 'APP_PAGE', sourceRoute: '/(site)/articles/[slug]/page' },
};

describe("skipping Next's unused size check when a page is stored", () => {
  afterEach(() => vi.restoreAllMocks());

  it("is needed: Next's own set writes a page's RSC Buffer out as JSON before the handler sees it", async () => {
    const { cache, stored } = nextCache();
    const toJSON = vi.spyOn(Buffer.prototype, 'toJSON');
    await cache.set('/articles/a', pageData() as never, pageContext as never);
    // Once for the size check; the handler's own copy in this test is the other.
    expect(toJSON.mock.calls.length).toBe(2);
    expect(stored).toHaveLength(1);
  });

  it('wraps the installed Next’s set, and the page then reaches the handler without being measured', async () => {
    const { cache, stored } = nextCache();
    expect(skipUnusedSizeCheck(cache)).toBe('wrapped');
    expect(skipUnusedSizeCheck(cache)).toBe('already');
    const toJSON = vi.spyOn(Buffer.prototype, 'toJSON');
    const data = pageData();
    await cache.set('/articles/a', data as never, pageContext as never);
    // Only the handler's own copy stringified it, and saw all of it.
    expect(toJSON.mock.calls.length).toBe(1);
    expect(stored).toHaveLength(1);
    expect(stored[0]!.data).toMatchObject({ kind: 'APP_PAGE', html: data.html, status: 200 });
    expect(stored[0]!.data.rscData).toEqual(JSON.parse(JSON.stringify(data.rscData)));
    // And the data is left as it was given.
    expect(Object.hasOwn(data, 'toJSON')).toBe(false);
  });

  it('leaves a data-cache entry measured, as Next refuses one over 2 MB', async () => {
    const { cache } = nextCache();
    skipUnusedSizeCheck(cache);
    const stringify = vi.spyOn(JSON, 'stringify');
    const data = { kind: 'FETCH', data: { headers: {}, body: 'e30=', status: 200, url: '' }, revalidate: 60 };
    await cache.set('fetch-key', data as never, { fetchCache: true, tags: [] } as never);
    expect(stringify.mock.calls.some(([value]) => value === data)).toBe(true);
  });

  it('leaves alone a set that does not measure with exactly one JSON.stringify', () => {
    class Other {
      async set(key: string, data: unknown) {
        return [key, data];
      }
    }
    expect(skipUnusedSizeCheck(new Other())).toBe('left');
    expect(skipUnusedSizeCheck(new Other())).toBe('already');
    expect(skipUnusedSizeCheck(undefined)).toBe('absent');
  });
});
