import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliActor } from '../auth/actor';
import { importArticleDocument } from '../editorial/importer';
import { db, disconnectDb } from '../platform/db';
import { checkSources, sourceHealthForArticle } from './source-health';

// A local server stands in for the web: nothing in this test goes to an outside host.
const seen: { method: string; path: string; userAgent: string }[] = [];
let inFlight = 0;
const held: (() => void)[] = [];
let maxInFlight = 0;
let changingVersion = 0;
let server: Server;
let base: string;

// '/slow' never answers: the checker's timeout is the thing under test, so the slow host waits
// for ever rather than a time a busy machine might reach; every other host answers at once.
function route(request: IncomingMessage): { status: number; headers?: Record<string, string>; delay?: number } {
  switch (request.url) {
    case '/ok':
      return { status: 200, headers: { etag: '"v1"' } };
    case '/head-refused':
      return request.method === 'HEAD' ? { status: 405 } : { status: 200, headers: { etag: '"g"' } };
    case '/missing':
      return { status: 404 };
    case '/slow':
      return { status: 200, delay: Infinity };
    case '/moved':
      return { status: 301, headers: { location: '/ok' } };
    case '/changing':
      return {
        status: 200,
        headers: { etag: `"c${request.method === 'HEAD' ? changingVersion++ : changingVersion}"` },
      };
    default:
      return { status: 200, headers: { 'content-length': '0' }, delay: -1 };
  }
}

beforeAll(async () => {
  server = createServer((request, response) => {
    seen.push({ method: request.method!, path: request.url!, userAgent: request.headers['user-agent'] ?? '' });
    const { status, headers = {}, delay = 0 } = route(request);
    if (delay === Infinity) return;
    inFlight += 1;
    maxInFlight = Math.max(maxInFlight, inFlight);
    const answer = () => {
      inFlight -= 1;
      response.writeHead(status, headers).end();
    };
    if (delay >= 0) {
      setTimeout(answer, delay);
      return;
    }
    // The /many-* hosts hold their answers until three requests are open at once (or 2 s pass),
    // so that a checker that does run requests side by side is seen doing so on any machine.
    held.push(answer);
    const release = () => held.splice(0).forEach((send) => send());
    if (inFlight >= 3) release();
    else setTimeout(release, 2_000);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  await disconnectDb();
});

describe('npm run sources:check', () => {
  it('records each source’s status, falling back from HEAD to GET and giving up on slow hosts', async () => {
    const paths = ['/ok', '/head-refused', '/missing', '/slow', '/moved', '/changing'];
    const saved = await importArticleDocument(
      cliActor,
      {
        title: '出典を確かめる記事',
        lead: 'リード。',
        sections: [{ heading: '見出し', paragraphs: ['本文。'] }],
        sources: paths.map((path) => ({ title: path, url: `${base}${path}` })),
      },
      { slug: 'source-health', status: 'published' },
    );
    const urls = paths.map((path) => `${base}${path}`);

    // Hosts that answer get a timeout no busy machine reaches; the one that never answers, a short one.
    await checkSources({ urls: urls.filter((url) => !url.endsWith('/slow')), timeoutMs: 60_000, concurrency: 2 });
    await checkSources({ urls: [`${base}/changing`], timeoutMs: 60_000 });
    await checkSources({ urls: [`${base}/slow`], timeoutMs: 300 });

    const checks = new Map(
      (await db().sourceCheck.findMany({ where: { url: { in: urls } } })).map((check) => [
        check.url.slice(base.length),
        check,
      ]),
    );
    expect(checks.get('/ok')).toMatchObject({ status: 200, fingerprint: '"v1"' });
    expect(checks.get('/head-refused')).toMatchObject({ status: 200 });
    expect(checks.get('/missing')).toMatchObject({ status: 404 });
    expect(checks.get('/slow')).toMatchObject({ status: null, error: '300ms 以内に応答がありません' });
    expect(checks.get('/moved')?.finalUrl).toBe(`${base}/ok`);

    const { id } = await db().article.findUniqueOrThrow({ where: { slug: saved.slug } });
    const health = await sourceHealthForArticle(cliActor, id);
    expect(health.map((source) => [source.title, source.problem])).toEqual([
      ['/ok', null],
      ['/head-refused', null],
      ['/missing', 'broken'],
      ['/slow', 'broken'],
      ['/moved', 'moved'],
      ['/changing', 'changed'],
    ]);
  });

  it('asks politely: a User-Agent that names Kiji, and no more than the concurrency limit at once', async () => {
    expect(seen.every((request) => request.userAgent.startsWith('KijiSourceChecker/1.0'))).toBe(true);
    expect(seen.some((request) => request.path === '/head-refused' && request.method === 'GET')).toBe(true);
    expect(inFlight).toBe(0);
    maxInFlight = 0;
    await checkSources({ urls: Array.from({ length: 8 }, (_, i) => `${base}/many-${i}`), concurrency: 3 });
    expect(maxInFlight).toBeLessThanOrEqual(3);
    expect(maxInFlight).toBeGreaterThan(1);
  });
});
