import { describe, expect, it } from 'vitest';
import { serializeJsonLd } from './json-ld';

describe('JSON-LD serialisation', () => {
  it('keeps article text from breaking out of its script tag', () => {
    const hostile = { headline: '</script><script>alert(1)</script><!--', text: 'a & b\u2028c' };
    const json = serializeJsonLd(hostile);
    expect(json).not.toMatch(/<|>|&|\u2028/);
    expect(JSON.parse(json)).toEqual(hostile);
  });
});
