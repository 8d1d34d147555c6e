import { describe, expect, it } from 'vitest';
import { BODY_LIMIT_BYTES, refuseBeforeReading } from './request-gate';
import { BodyTooLargeError, readBodyWithin } from './request-body';

describe('the request gate', () => {
  it('answers TRACE and other unsupported methods with 405, the Allow list and the security headers', () => {
    for (const method of ['TRACE', 'PUT', 'DELETE', 'PATCH', 'CONNECT', 'PROPFIND']) {
      const refusal = refuseBeforeReading(method, '/', undefined);
      expect(refusal?.status, method).toBe(405);
      expect(refusal?.headers.Allow).toBe('GET, HEAD, POST, OPTIONS');
      expect(refusal?.headers['X-Frame-Options']).toBe('DENY');
      expect(refusal?.headers['X-Content-Type-Options']).toBe('nosniff');
    }
  });

  it('answers a path that is not valid percent-encoding with 400, and lets encoded Japanese through', () => {
    expect(refuseBeforeReading('GET', '/media/articles/%E0%A4%A/1.png', undefined)?.status).toBe(400);
    expect(refuseBeforeReading('GET', '/%', undefined)?.status).toBe(400);
    expect(refuseBeforeReading('GET', '/tag/%E5%81%9C%E6%88%A6?q=%', undefined)).toBeNull();
  });

  it('lets the methods Kiji serves through', () => {
    for (const method of ['GET', 'HEAD', 'POST', 'OPTIONS'])
      expect(refuseBeforeReading(method, '/', undefined)).toBeNull();
  });

  it('refuses a declared body over its area’s limit with 413, and takes one within it', () => {
    const api = String(BODY_LIMIT_BYTES.api);
    expect(refuseBeforeReading('POST', '/api/auth/sign-in/email', api)).toBeNull();
    expect(refuseBeforeReading('POST', '/api/auth/sign-in/email', String(20 * 1024 * 1024))?.status).toBe(413);
    expect(refuseBeforeReading('POST', '/api/auth/sign-in/email?x=1', String(BODY_LIMIT_BYTES.api + 1))?.status).toBe(
      413,
    );
    // An editor's import (2 MB) fits the admin area's limit, not the API's.
    expect(refuseBeforeReading('POST', '/admin/import', String(2 * 1024 * 1024))).toBeNull();
    expect(refuseBeforeReading('POST', '/articles/x', String(2 * 1024 * 1024))?.status).toBe(413);
    expect(refuseBeforeReading('POST', '/', 'nonsense')?.status).toBe(413);
  });
});

function chunkedRequest(chunks: number, size: number): Request {
  let sent = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent++ >= chunks) controller.close();
      else controller.enqueue(new Uint8Array(size));
    },
  });
  return new Request('http://localhost/api/auth/sign-in/email', {
    method: 'POST',
    body,
    duplex: 'half',
  } as RequestInit);
}

describe('reading a body within a limit', () => {
  it('reads a body under the limit whole', async () => {
    expect((await readBodyWithin(chunkedRequest(3, 100), 1000)).byteLength).toBe(300);
  });

  it('stops reading a body sent without a length as soon as it passes the limit', async () => {
    const request = chunkedRequest(1_000_000, 1024);
    await expect(readBodyWithin(request, 64 * 1024)).rejects.toBeInstanceOf(BodyTooLargeError);
  });

  it('refuses a declared length over the limit without reading', async () => {
    const request = new Request('http://localhost/', {
      method: 'POST',
      body: 'x',
      headers: { 'content-length': String(10_000_000) },
    });
    await expect(readBodyWithin(request, 1000)).rejects.toBeInstanceOf(BodyTooLargeError);
  });
});
