import { readFileSync } from 'node:fs';
import { brotliCompressSync, brotliDecompressSync, constants, gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { bodyIn, encodedBodies, negotiateCoding } from './content-coding';

// A real article's text, as long as a page's body: what the fast path compresses.
const seedText = readFileSync(new URL('../../prisma/seed/articles/000_860667d7943f974c.txt', import.meta.url), 'utf8');
const page = Buffer.from(`<!DOCTYPE html><html lang="ja"><body><main>${seedText}</main></body></html>`, 'utf8');

describe('choosing the coding a reader accepts', () => {
  it('prefers Brotli when a browser offers it, as every current browser does', () => {
    expect(negotiateCoding('gzip, deflate, br, zstd')).toBe('br');
  });

  it('sends gzip to a client that offers only gzip, and the plain bytes to one that offers nothing', () => {
    expect(negotiateCoding('gzip')).toBe('gzip');
    expect(negotiateCoding(undefined)).toBe('identity');
    expect(negotiateCoding('')).toBe('identity');
    expect(negotiateCoding('deflate')).toBe('identity');
  });

  it('respects q=0 as a refusal and a higher weight as a preference', () => {
    expect(negotiateCoding('br;q=0, gzip')).toBe('gzip');
    expect(negotiateCoding('br;q=0.5, gzip;q=1')).toBe('gzip');
    expect(negotiateCoding('gzip;q=0, br;q=0')).toBe('identity');
  });

  it('reads * as every coding not named', () => {
    expect(negotiateCoding('*')).toBe('br');
    expect(negotiateCoding('br;q=0, *')).toBe('gzip');
    expect(negotiateCoding('*;q=0')).toBe('identity');
  });
});

describe('compressing a cached page once per render', () => {
  it('makes the Brotli copy at quality 5, not 9: ten times cheaper for a body 2% larger (issue #29, decision 0037)', async () => {
    const { body } = await bodyIn(encodedBodies(page), 'br');
    const atQuality = (quality: number) =>
      brotliCompressSync(page, {
        params: {
          [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
          [constants.BROTLI_PARAM_QUALITY]: quality,
          [constants.BROTLI_PARAM_SIZE_HINT]: page.length,
        },
      });
    expect(body.equals(atQuality(5))).toBe(true);
    expect(body.equals(atQuality(9))).toBe(false);
  });

  it('gives back the same bytes after decompression, in both codings', async () => {
    const bodies = encodedBodies(page);
    const br = await bodyIn(bodies, 'br');
    const gz = await bodyIn(bodies, 'gzip');
    expect(br.coding).toBe('br');
    expect(gz.coding).toBe('gzip');
    expect(brotliDecompressSync(br.body).equals(page)).toBe(true);
    expect(gunzipSync(gz.body).equals(page)).toBe(true);
    expect(br.body.length).toBeLessThan(page.length / 2);
  });

  it('compresses a body once however many readers ask for it at the same time', async () => {
    const bodies = encodedBodies(page);
    const answers = await Promise.all(Array.from({ length: 10 }, () => bodyIn(bodies, 'br')));
    expect(new Set(answers.map((answer) => answer.body)).size).toBe(1);
    expect(bodies.encoded.size).toBe(1);
  });

  it('sends a body too small to gain from compression as it is', async () => {
    const small = Buffer.from('<p>短い</p>');
    expect(await bodyIn(encodedBodies(small), 'br')).toEqual({ body: small, coding: 'identity' });
  });
});
