import { describe, expect, it, vi } from 'vitest';
import { approximateBytes, forNext, forStore, servablePageHtml } from './next-format.mjs';

const now = Date.parse('2026-11-29T09:00:00Z');
const entry = (value: Record<string, unknown>, revalidate: number | false = 3600, age = 1_000) => ({
  lastModified: now - age,
  value: { kind: 'APP_PAGE', html: '<html></html>', status: 200, ...value },
  cacheControl: { revalidate, expire: 31536000 },
  tags: [],
});

describe('a page entry the fast path may serve', () => {
  it('is an App Router page rendered with 200, within its revalidate time', () => {
    expect(servablePageHtml(entry({}), now)).toBe('<html></html>');
  });

  it('is not a 404, a route handler, a page past its revalidate time, or one that never revalidates', () => {
    expect(servablePageHtml(entry({ status: 404 }), now)).toBeNull();
    expect(servablePageHtml(entry({ kind: 'APP_ROUTE' }), now)).toBeNull();
    expect(servablePageHtml(entry({}, 60, 61_000), now)).toBeNull();
    expect(servablePageHtml(entry({}, false), now)).toBeNull();
  });
});

describe('what an entry costs in memory', () => {
  it('counts a data-cache value’s strings and bytes without serialising it (no Buffer.toJSON)', () => {
    const toJSON = vi.spyOn(Buffer.prototype, 'toJSON');
    const bytes = approximateBytes({
      value: { kind: 'FETCH', data: { body: Buffer.alloc(1_000_000), title: '記事'.repeat(1000), rows: [1, 2, 3] } },
    });
    expect(toJSON).not.toHaveBeenCalled();
    toJSON.mockRestore();
    // The megabyte and the 4,000 bytes of text, give or take the containers.
    expect(bytes).toBeGreaterThan(1_004_000);
    expect(bytes).toBeLessThan(1_010_000);
  });
});

describe('an entry as the store keeps it', () => {
  const page = {
    kind: 'APP_PAGE',
    html: '<html><script>x</script><h1>記事</h1></html>',
    rscData: Buffer.from('rsc'),
    status: 200,
  };
  const strip = (_path: string, html: string) => html.replace(/<script>.*?<\/script>/g, '');

  it('keeps a page as the document the server sends, in bytes outside the heap, and gives Next a string back', () => {
    const stored = forStore(page, '/articles/a', strip);
    expect(Buffer.isBuffer(stored.html)).toBe(true);
    expect(stored.html.toString('utf8')).toBe('<html><h1>記事</h1></html>');
    // The RSC payload Next keeps for client navigation is kept as it was.
    expect(stored.rscData).toBe(page.rscData);
    expect(forNext(stored)).toEqual({ ...page, html: '<html><h1>記事</h1></html>' });
    // The entry Next handed over is not changed.
    expect(page.html).toContain('<script>');
  });

  it('keeps Next’s HTML when no document is given (a build’s prerender)', () => {
    expect(forNext(forStore(page, '/articles/a'))).toEqual(page);
  });

  it('keeps a data entry’s JSON as bytes and gives it back as the same text', () => {
    const data = {
      kind: 'FETCH',
      data: { headers: {}, body: JSON.stringify({ title: '記事' }), status: 200, url: '' },
      revalidate: 30,
    };
    const stored = forStore(data, null);
    expect(Buffer.isBuffer(stored.data.body)).toBe(true);
    expect(forNext(stored)).toEqual(data);
  });

  it('lets the fast path serve a page kept as bytes', () => {
    const record = {
      lastModified: now - 1_000,
      value: forStore(page, '/articles/a', strip),
      cacheControl: { revalidate: 60 },
      tags: [],
    };
    expect(String(servablePageHtml(record, now))).toBe('<html><h1>記事</h1></html>');
  });
});
