import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Step } from '../exchange';
import { pipeline } from '../pipeline';
import { headAsGet } from './head';
import { holdResponse } from './held-response';

const MADE_AT = 'Sun, 06 Dec 2026 03:00:00 GMT';
const FEED = '<?xml version="1.0"?><rss version="2.0"><channel><title>記事</title></channel></rss>';

/** What Next answers for a feed, through the held response as steps/next-render.ts sets it up. */
const feed: Step = {
  name: 'feed',
  run({ request, response, ifNoneMatch }) {
    holdResponse(response, {
      url: request.url ?? '/',
      ifNoneMatch,
      ifModifiedSince: request.headers['if-modified-since'],
      wantsDocument: true,
    });
    response.setHeader('Content-Type', 'application/rss+xml; charset=utf-8');
    if (request.url !== '/undated.xml') response.setHeader('Last-Modified', MADE_AT);
    response.end(FEED);
    return true;
  },
};

let server: Server;
let origin: string;
beforeAll(async () => {
  server = createServer(pipeline([headAsGet, feed]));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

function send(method: string, path: string, headers: Record<string, string> = {}) {
  return new Promise<{ status: number; headers: Record<string, unknown>; body: string }>((resolve, reject) => {
    const call = httpRequest(`${origin}${path}`, { method, headers }, (response) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (text += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: text }));
    });
    call.on('error', reject);
    call.end();
  });
}

describe('a feed, sitemap or image held for its validator', () => {
  it('answers an If-Modified-Since at or after its Last-Modified with 304 and no body, GET and HEAD alike', async () => {
    for (const method of ['GET', 'HEAD']) {
      const unchanged = await send(method, '/feed.xml', { 'If-Modified-Since': MADE_AT });
      expect(unchanged.status, method).toBe(304);
      expect(unchanged.body).toBe('');
      expect(unchanged.headers['last-modified']).toBe(MADE_AT);
      const later = await send(method, '/feed.xml', { 'If-Modified-Since': 'Sun, 06 Dec 2026 04:00:00 GMT' });
      expect(later.status, method).toBe(304);
    }
  });

  it('sends the body to an If-Modified-Since before its Last-Modified, or one that is not a date', async () => {
    const earlier = await send('GET', '/feed.xml', { 'If-Modified-Since': 'Sun, 06 Dec 2026 02:59:59 GMT' });
    expect(earlier.status).toBe(200);
    expect(earlier.body).toBe(FEED);
    expect(earlier.headers['last-modified']).toBe(MADE_AT);
    expect((await send('GET', '/feed.xml', { 'If-Modified-Since': 'yesterday' })).status).toBe(200);
  });

  it('lets If-None-Match decide when both are sent (RFC 9110 §13.2.2)', async () => {
    const stale = await send('GET', '/feed.xml', { 'If-Modified-Since': MADE_AT, 'If-None-Match': '"stale"' });
    expect(stale.status).toBe(200);
    expect(stale.body).toBe(FEED);
    const etag = String(stale.headers.etag);
    expect((await send('GET', '/feed.xml', { 'If-None-Match': etag })).status).toBe(304);
  });

  it('sends the body when the handler did not say when it was made', async () => {
    const undated = await send('GET', '/undated.xml', { 'If-Modified-Since': MADE_AT });
    expect(undated.status).toBe(200);
    expect(undated.body).toBe(FEED);
  });
});
