import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { pacedReaders } from './paced-readers';

let server: http.Server | undefined;
afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

/** A local server that answers every `slowEvery`-th request `delayMs` late, and closes connections as nginx does. */
async function serve(slowEvery: number, delayMs: number, requestsPerConnection = 50): Promise<string> {
  let count = 0;
  server = http.createServer((request, response) => {
    const late = ++count % slowEvery === 0;
    const perConnection = ((request.socket as unknown as { served?: number }).served ?? 0) + 1;
    (request.socket as unknown as { served?: number }).served = perConnection;
    const headers = perConnection >= requestsPerConnection ? { Connection: 'close' } : {};
    setTimeout(() => response.writeHead(200, headers).end('ok'), late ? delayMs : 0);
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server!.address() as AddressInfo).port}/`;
}

describe('paced readers', () => {
  it('keep their rate and a small p99 against a quick server that closes connections after 50 requests', async () => {
    const result = await pacedReaders(await serve(1_000_000, 0), 200, 2);
    expect(result.errors).toBe(0);
    expect(result.non2xx).toBe(0);
    expect(result.requestsPerSecond).toBeGreaterThanOrEqual(190);
    // Loose, for a busy machine: what it rules out is autocannon's ~970 ms after a closed connection.
    expect(result.p99).toBeLessThan(500);
  });

  it('report a p99 at least as long as a delay that one request in twenty meets', async () => {
    const result = await pacedReaders(await serve(20, 150), 200, 2);
    expect(result.p99).toBeGreaterThanOrEqual(150);
    expect(result.p50).toBeLessThan(100);
  });
});
