import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';

/**
 * Compressed copies of the bodies the fast path sends. A cached page is the same bytes for every
 * reader until its next render, so it is compressed once per render (off the event loop) instead
 * of once per request by the
 * `compression` middleware, which stays in front of Next's own responses.
 */
export type ContentCoding = 'br' | 'gzip' | 'identity';

/**
 * The coding to send for an Accept-Encoding header, preferring Brotli, then gzip, as the
 * `compression` middleware does for Next's responses: `q=0` refuses a coding, `*` stands for the
 * codings not named, and no header (or nothing acceptable) means the bytes as they are.
 */
export function negotiateCoding(acceptEncoding: string | string[] | undefined): ContentCoding {
  const header = Array.isArray(acceptEncoding) ? acceptEncoding.join(',') : acceptEncoding;
  if (!header) return 'identity';
  const weights = new Map<string, number>();
  for (const part of header.split(',')) {
    const [name = '', ...params] = part.split(';').map((piece) => piece.trim());
    if (!name) continue;
    const q = params.find((param) => /^q=/i.test(param));
    const weight = q === undefined ? 1 : Number(q.slice(2));
    weights.set(name.toLowerCase(), Number.isFinite(weight) ? weight : 0);
  }
  const weightOf = (coding: string) => weights.get(coding) ?? weights.get('*') ?? 0;
  const br = weightOf('br');
  const gzipWeight = weightOf('gzip');
  if (br > 0 && br >= gzipWeight) return 'br';
  if (gzipWeight > 0) return 'gzip';
  return 'identity';
}

const brotli = promisify(brotliCompress);

/**
 * Brotli's quality for the fast path's copies. Quality 9 cost 11 ms of CPU for an 18 KB article
 * page, more than a fifth of the page's render, on the first request of every render; quality 5
 * costs 1 ms for a body 2% larger (decision 0037). Past 5 Brotli switches to its slow matcher.
 */
export const BROTLI_QUALITY = 5;

const gzipAsync = promisify(gzip);

/** Below this, compressing costs more than it saves (the middleware's own threshold). */
const MIN_COMPRESSIBLE_BYTES = 1024;

export type EncodedBodies = { identity: Buffer; encoded: Map<ContentCoding, Promise<Buffer>> };

export function encodedBodies(identity: Buffer): EncodedBodies {
  return { identity, encoded: new Map() };
}

/**
 * The body in a coding, and the coding actually used. The first request in a coding starts its
 * compression and every request meanwhile shares it; a failure falls back to the plain bytes.
 */
export async function bodyIn(
  bodies: EncodedBodies,
  coding: ContentCoding,
): Promise<{ body: Buffer; coding: ContentCoding }> {
  if (coding === 'identity' || bodies.identity.length < MIN_COMPRESSIBLE_BYTES)
    return { body: bodies.identity, coding: 'identity' };
  let pending = bodies.encoded.get(coding);
  if (!pending) {
    pending =
      coding === 'br'
        ? brotli(bodies.identity, {
            params: {
              [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
              [constants.BROTLI_PARAM_QUALITY]: BROTLI_QUALITY,
              [constants.BROTLI_PARAM_SIZE_HINT]: bodies.identity.length,
            },
          })
        : gzipAsync(bodies.identity, { level: 9 });
    bodies.encoded.set(coding, pending);
  }
  try {
    return { body: await pending, coding };
  } catch {
    bodies.encoded.delete(coding);
    return { body: bodies.identity, coding: 'identity' };
  }
}
