import { describe, expect, it, vi } from 'vitest';
import { approximateBytes, servablePageHtml } from './next-format.mjs';

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
