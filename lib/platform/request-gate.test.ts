import { describe, expect, it } from 'vitest';
import { BODY_LIMITS } from '../routes/registry';
import { parseRequestUrl } from '../routes/public-routes';
import { refuseBeforeReading } from './request-gate';
import { BodyTooLargeError, readBodyWithin } from './request-body';

const refuse = (method: string, url: string, contentLength?: string, transferEncoding?: string) => {
  const { pathname, route } = parseRequestUrl(url);
  return refuseBeforeReading(method, pathname, route, {
    'content-length': contentLength,
    'transfer-encoding': transferEncoding,
  });
};

describe('the request gate', () => {
  it('answers TRACE and other unsupported methods with 405, the Allow list and the security headers', () => {
    for (const method of ['TRACE', 'PUT', 'DELETE', 'PATCH', 'CONNECT', 'PROPFIND']) {
      const refusal = refuse(method, '/wp-login.php');
      expect(refusal?.status, method).toBe(405);
      expect(refusal?.headers.Allow).toBe('GET, HEAD, POST, OPTIONS');
      expect(refusal?.headers['X-Frame-Options']).toBe('DENY');
      expect(refusal?.headers['X-Content-Type-Options']).toBe('nosniff');
    }
  });

  it('answers a method its route does not take with 405 and that route’s own Allow list', () => {
    expect(refuse('POST', '/search?q=x')?.status).toBe(405);
    expect(refuse('POST', '/search?q=x')?.headers.Allow).toBe('GET, HEAD, OPTIONS');
    expect(refuse('GET', '/contact/send')?.status).toBe(405);
    expect(refuse('GET', '/contact/send')?.headers.Allow).toBe('POST, OPTIONS');
    expect(refuse('PUT', '/articles/a')?.headers.Allow).toBe('GET, HEAD, OPTIONS');
    expect(refuse('POST', '/admin/front-page', '10')).toBeNull();
  });

  it('answers the API’s refusals as problem documents (RFC 9457), and the site’s as plain text', () => {
    const api = [
      refuse('GET', '/api/v1/articles/a-slug/live-updates'),
      refuse('DELETE', '/api/v1/live-updates/4'),
      refuse('POST', '/api/v1/articles/a-slug/live-updates', String(BODY_LIMITS.small + 1)),
    ];
    expect(api.map((refusal) => refusal?.status)).toEqual([405, 405, 413]);
    for (const refusal of api) {
      expect(refusal?.headers['Content-Type']).toBe('application/problem+json; charset=utf-8');
      const problem = JSON.parse(refusal!.body) as { status: number; type: string; detail: string; detailEn: string };
      expect(problem.status).toBe(refusal?.status);
      expect(problem.type).toMatch(/^\/api\/v1\/problems\//);
      expect(problem.detail && problem.detailEn).toBeTruthy();
    }
    expect(api[0]?.headers.Allow).toBe('POST, OPTIONS');
    const site = refuse('PUT', '/articles/a');
    expect(site?.headers['Content-Type']).toBe('text/plain; charset=utf-8');
    expect(site?.body).toBe('Method Not Allowed\n');
  });

  it('answers a path that is not valid percent-encoding with 400, and lets encoded Japanese through', () => {
    expect(refuse('GET', '/media/articles/%E0%A4%A/1.png')?.status).toBe(400);
    expect(refuse('GET', '/%')?.status).toBe(400);
    expect(refuse('GET', '/tag/%E5%81%9C%E6%88%A6?q=%')).toBeNull();
  });

  it('lets the methods Kiji serves through', () => {
    for (const method of ['GET', 'HEAD', 'POST', 'OPTIONS']) expect(refuse(method, '/wp-login.php')).toBeNull();
    for (const method of ['GET', 'HEAD', 'OPTIONS']) expect(refuse(method, '/')).toBeNull();
  });

  it('refuses a declared body over its route’s limit with 413, and takes one within it', () => {
    const small = String(BODY_LIMITS.small);
    expect(refuse('POST', '/api/auth/sign-in/email', small)).toBeNull();
    expect(refuse('POST', '/api/auth/sign-in/email', String(20 * 1024 * 1024))?.status).toBe(413);
    expect(refuse('POST', '/api/auth/sign-in/email?x=1', String(BODY_LIMITS.small + 1))?.status).toBe(413);
    // An editor's import (2 MB) fits the admin pages' limit, not the API's.
    expect(refuse('POST', '/admin/import', String(2 * 1024 * 1024))).toBeNull();
    expect(refuse('POST', '/wp-login.php', String(2 * 1024 * 1024))?.status).toBe(413);
    expect(refuse('POST', '/wp-login.php', 'nonsense')?.status).toBe(413);
    // An image just under the upload limit passes; one byte over does not.
    expect(refuse('POST', '/admin/media/upload', String(BODY_LIMITS.image))).toBeNull();
    expect(refuse('POST', '/admin/media/upload', String(BODY_LIMITS.image + 1))?.status).toBe(413);
  });

  it('refuses a body without a length where Next would read it, and lets handlers that count it take one', () => {
    expect(refuse('POST', '/admin/front-page', undefined, 'chunked')?.status).toBe(411);
    expect(refuse('POST', '/admin', undefined, 'chunked')?.status).toBe(411);
    expect(refuse('POST', '/admin/autosave', undefined, 'chunked')).toBeNull();
    expect(refuse('POST', '/api/auth/sign-in/email', undefined, 'chunked')).toBeNull();
    expect(refuse('POST', '/contact/send', undefined, 'chunked')).toBeNull();
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
