import { createServer, request as httpRequest, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pipeline } from '../pipeline';
import { nextRender } from './next-render';

/** Stands in for Next: answers with the If-None-Match it was given (or "none"). */
const next = async (request: IncomingMessage, response: import('node:http').ServerResponse) => {
  response.setHeader('Content-Type', 'text/plain; charset=utf-8');
  response.end(String(request.headers['if-none-match'] ?? 'none'));
};

let server: Server;
let origin: string;
beforeAll(async () => {
  server = createServer(pipeline([nextRender(next, null)]));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

function seenBy(path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const call = httpRequest(`${origin}${path}`, { headers: { 'If-None-Match': '"v1"' } }, (response) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (text += chunk));
      response.on('end', () => resolve(text));
    });
    call.on('error', reject);
    call.end();
  });
}

describe('the render step', () => {
  it('passes If-None-Match on to the handlers that answer their own validators (the read API), and to no other', async () => {
    expect(await seenBy('/api/v1/articles')).toBe('"v1"');
    expect(await seenBy('/api/v1/articles/some-article')).toBe('"v1"');
    expect(await seenBy('/api/v1/openapi.json')).toBe('"v1"');
    expect(await seenBy('/api/v1/submissions/0b7e2f3c-1d2a-4b5c-8d9e-0f1a2b3c4d5e')).toBe('none');
    expect(await seenBy('/api/health')).toBe('none');
  });
});
