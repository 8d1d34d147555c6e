import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Step } from './exchange';
import { pipeline } from './pipeline';
import { canonicalRedirect } from './steps/canonical';
import { gate } from './steps/gate';
import { actionOrigin } from './steps/action-origin';
import { headAsGet } from './steps/head';

/** The last step of these tests: what Next would answer, as one body sent in one piece. */
const seen: string[] = [];
const answer: Step = {
  name: 'answer',
  run({ request, response }) {
    seen.push(`${request.method} ${request.url}`);
    response.setHeader('Content-Type', 'text/html; charset=utf-8');
    response.setHeader('ETag', '"v1"');
    response.end('<p>記事</p>');
    return true;
  },
};

let server: Server;
let origin: string;
beforeAll(async () => {
  server = createServer(pipeline([headAsGet, gate, actionOrigin, canonicalRedirect, answer]));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

function send(method: string, path: string, headers: Record<string, string> = {}, body?: string) {
  return new Promise<{ status: number; headers: Record<string, unknown>; body: string }>((resolve, reject) => {
    const call = httpRequest(`${origin}${path}`, { method, headers }, (response) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (text += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: text }));
    });
    call.on('error', reject);
    if (body !== undefined) call.write(body);
    call.end();
  });
}

const withoutDate = (headers: Record<string, unknown>) => {
  const { date: _date, ...rest } = headers;
  return rest;
};

describe('Kiji’s server steps', () => {
  it('answers HEAD with the GET’s status and headers, its length included, and no body', async () => {
    const get = await send('GET', '/about');
    const head = await send('HEAD', '/about');
    expect(get.body).toBe('<p>記事</p>');
    expect(head.body).toBe('');
    expect(head.status).toBe(get.status);
    expect(withoutDate(head.headers)).toEqual(withoutDate(get.headers));
    expect(head.headers['content-length']).toBe(String(Buffer.byteLength('<p>記事</p>')));
    // The later steps saw a GET.
    expect(seen.at(-1)).toBe('GET /about');
  });

  it('stops at the first step that answers: a method the route does not take never reaches the page', async () => {
    const before = seen.length;
    const put = await send('PUT', '/about');
    expect(put.status).toBe(405);
    expect(put.headers.allow).toBe('GET, HEAD, OPTIONS');
    expect(seen.length).toBe(before);
  });

  it('redirects a trailing slash for GET and HEAD alike', async () => {
    for (const method of ['GET', 'HEAD']) {
      const response = await send(method, '/about/?x=1');
      expect(response.status).toBe(308);
      expect(response.headers.location).toBe('/about?x=1');
    }
  });

  it('answers a Server Action from another site 403 before Next, and lets one from the site through', async () => {
    const before = seen.length;
    const action = { 'next-action': 'abc', 'content-type': 'text/plain', 'content-length': '2' };
    const foreign = await send('POST', '/admin/front-page', { ...action, origin: 'https://evil.example' }, '[]');
    expect(foreign.status).toBe(403);
    expect(foreign.headers['content-type']).toContain('application/problem+json');
    const opaque = await send('POST', '/admin/front-page', { ...action, origin: 'null' }, '[]');
    expect(opaque.status).toBe(403);
    expect(seen.length).toBe(before);
    const own = await send('POST', '/admin/front-page', { ...action, origin: origin }, '[]');
    expect(own.status).toBe(200);
  });

  it('refuses a body without a length where Next would read it, before reading any of it', async () => {
    const before = seen.length;
    const response = await send('POST', '/admin/front-page', { 'transfer-encoding': 'chunked' }, 'x'.repeat(1000));
    expect(response.status).toBe(411);
    expect(seen.length).toBe(before);
  });
});
