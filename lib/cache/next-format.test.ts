import { describe, expect, it } from 'vitest';
import { servablePageHtml } from './next-format.mjs';

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
