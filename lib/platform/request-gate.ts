import { areaOf, routes } from '../routes/registry';
import { IMAGE_UPLOAD_MAX_BYTES } from '../media/renditions';
import { BASE_HEADER_VALUES } from './security-headers';

/**
 * What Kiji's server refuses before Next sees a request, so that nothing reads, parses or renders
 * it: a method no route answers (TRACE, PUT…) gets 405, a path that is not valid percent-encoding
 * gets 400 (Next would fail to decode its parameters with a 500), and a body larger than its area
 * allows gets 413 from its declared length, before a byte of it is read. Bodies sent without a length are
 * counted as they are read (readBodyWithin, lib/platform/request-body.ts).
 */
export const ALLOWED_METHODS = ['GET', 'HEAD', 'POST', 'OPTIONS'] as const;

/** Sign-in and the other JSON endpoints carry a few hundred bytes; public pages take no body at all. */
export const BODY_LIMIT_BYTES = {
  api: 64 * 1024,
  // Server Actions: an import file or pasted text (2 MB) in a multipart form, under Next's 3 MB.
  admin: 4 * 1024 * 1024,
  public: 64 * 1024,
  asset: 0,
  media: 0,
} as const;

/** How much of a refused body the server reads and throws away, so that its client sees the 413. */
export const DISCARD_LIMIT_BYTES = 32 * 1024 * 1024;

export type Refusal = { status: 400 | 405 | 413; headers: Record<string, string>; body: string };

/** A path whose percent-encoding does not decode (`/media/articles/%E0%A4%A`) names nothing. */
function decodes(pathname: string): boolean {
  if (!pathname.includes('%')) return true;
  try {
    decodeURIComponent(pathname);
    return true;
  } catch {
    return false;
  }
}

const plainHeaders = {
  ...BASE_HEADER_VALUES,
  'Content-Type': 'text/plain; charset=utf-8',
  'Cache-Control': 'no-store',
  'Content-Security-Policy': "default-src 'none'; frame-ancestors 'none'",
};

export function refuseBeforeReading(
  method: string | undefined,
  url: string | undefined,
  contentLength: string | undefined,
): Refusal | null {
  if (!(ALLOWED_METHODS as readonly string[]).includes(method ?? '')) {
    return {
      status: 405,
      headers: { ...plainHeaders, Allow: ALLOWED_METHODS.join(', '), Connection: 'close' },
      body: 'Method Not Allowed\n',
    };
  }
  const pathname = (url ?? '/').split('?')[0] ?? '/';
  if (!decodes(pathname)) return { status: 400, headers: { ...plainHeaders }, body: 'Bad Request\n' };
  // An image upload is the one body larger than a form: its own limit, on its own path.
  const limit = pathname === routes.imageUpload.href() ? IMAGE_UPLOAD_MAX_BYTES : BODY_LIMIT_BYTES[areaOf(pathname)];
  const declared = contentLength === undefined ? 0 : Number(contentLength);
  if (!Number.isFinite(declared) || declared > limit) {
    // No `Connection: close`: a client still sending would see its write fail instead of reading
    // this answer. Kiji's server discards what follows, up to DISCARD_LIMIT_BYTES, and then hangs up.
    return { status: 413, headers: { ...plainHeaders }, body: 'Payload Too Large\n' };
  }
  return null;
}
