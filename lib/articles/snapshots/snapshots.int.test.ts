import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { cliActor } from '../../auth/actor';
import { importArticleDocument } from '../../editorial/importer';
import { db, disconnectDb } from '../../platform/db';
import { reloadConfig } from '../../platform/config';
import { tinyPdf } from '../../../scripts/test-support/tiny-pdf';
import { fetchSource } from './fetch-source';
import {
  afterArticleWrite,
  checkArticle,
  claimsForEditor,
  settleSourceWork,
  takeSnapshots,
  unsupportedFacts,
} from './store';

// A local server stands in for the web: nothing in this test goes to an outside host.
const page = (body: string) =>
  `<!doctype html><html lang="ja"><head><meta charset="utf-8"><title>発表</title></head><body>
  <nav>トップ ニュース 天気</nav><article><h1>政府発表</h1>${body}</article><footer>著作権</footer></body></html>`;

const FIGURES = page(
  '<p>政府は2025年10月18日、避難者が32,000人に達したと発表した。</p><p>支援の総額は7億ドルで、前年の1.5倍にあたる。</p><p>記者会見は午後3時に始まった。</p>',
);
const OTHER_FIGURE = page('<p>政府は2025年10月18日、避難者が31,000人に達したと発表した。</p>');

let changing = 1;
let inFlight = 0;
let maxInFlight = 0;
const userAgents: string[] = [];
const paths: string[] = [];

function route(request: IncomingMessage, response: ServerResponse) {
  userAgents.push(request.headers['user-agent'] ?? '');
  paths.push(request.url ?? '');
  const html = (body: string) => response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(body);
  switch (request.url) {
    case '/figures':
      return html(FIGURES);
    case '/other-figure':
      return html(OTHER_FIGURE);
    case '/report.pdf':
      return response
        .writeHead(200, { 'content-type': 'application/pdf' })
        .end(tinyPdf('Exports reached 2,500 tons in 2025.'));
    case '/moved':
      return response.writeHead(302, { location: '/figures' }).end();
    case '/missing':
      return response.writeHead(404, { 'content-type': 'text/html' }).end('not here');
    case '/never':
      return; // never answers: the reader's deadline is what is under test
    case '/huge': {
      // No Content-Length: the cap must hold while the body streams.
      response.writeHead(200, { 'content-type': 'text/html' });
      const chunk = Buffer.alloc(1024 * 1024, 'あ'.charCodeAt(0) & 0x7f);
      for (let i = 0; i < 6; i += 1) response.write(chunk);
      return response.end();
    }
    case '/declared-huge':
      // Says it is 6 MB and sends a little, then nothing: refused by its Content-Length, not waited for.
      response.writeHead(200, { 'content-type': 'text/html', 'content-length': String(6 * 1024 * 1024) });
      return response.write('<p>');
    case '/image':
      return response.writeHead(200, { 'content-type': 'image/png' }).end(Buffer.alloc(10));
    case '/changing':
      return html(page(`<p>第${changing}版の発表。</p>`));
    default: {
      // /slow-n: held a moment so that readings of one host would overlap if they could.
      inFlight += 1;
      maxInFlight = Math.max(maxInFlight, inFlight);
      setImmediate(() =>
        setImmediate(() => {
          inFlight -= 1;
          html(page('<p>ゆっくり。</p>'));
        }),
      );
    }
  }
}

let server: Server;
let base: string;

beforeAll(async () => {
  process.env.KIJI_ALLOW_PRIVATE_FETCH = '1';
  reloadConfig();
  server = createServer(route);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterEach(() => {
  process.env.KIJI_ALLOW_PRIVATE_FETCH = '1';
  reloadConfig();
});

afterAll(async () => {
  await settleSourceWork();
  Reflect.deleteProperty(process.env, 'KIJI_ALLOW_PRIVATE_FETCH');
  reloadConfig();
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  await disconnectDb();
});

describe('reading a source', () => {
  it('keeps the readable text of an HTML page, without its navigation, with its status, type, hash and time', async () => {
    const fetched = await fetchSource(`${base}/figures`);
    expect(fetched).toMatchObject({
      ok: true,
      status: 200,
      finalUrl: `${base}/figures`,
      contentType: 'text/html; charset=utf-8',
    });
    if (!fetched.ok) return;
    expect(fetched.text).toContain('避難者が32,000人に達したと発表した。');
    expect(fetched.text).not.toContain('天気');
    expect(fetched.contentHash).toMatch(/^[0-9a-f]{64}$/);
    expect(fetched.retrievedAt).toBeInstanceOf(Date);
  });

  it('reads the text of a PDF', async () => {
    const fetched = await fetchSource(`${base}/report.pdf`);
    expect(fetched).toMatchObject({
      ok: true,
      contentType: 'application/pdf',
      text: 'Exports reached 2,500 tons in 2025.',
    });
  });

  it('follows a redirect and keeps the final URL', async () => {
    expect(await fetchSource(`${base}/moved`)).toMatchObject({
      ok: true,
      url: `${base}/moved`,
      finalUrl: `${base}/figures`,
    });
  });

  it('says why a source could not be read: its status, a timeout, its size, its type', async () => {
    expect(await fetchSource(`${base}/missing`)).toMatchObject({
      ok: false,
      problem: 'status',
      status: 404,
      detail: 'HTTP 404',
    });
    expect(await fetchSource(`${base}/never`, { timeoutMs: 300 })).toMatchObject({ ok: false, problem: 'timeout' });
    expect(await fetchSource(`${base}/huge`)).toMatchObject({ ok: false, problem: 'too_large' });
    expect(await fetchSource(`${base}/image`)).toMatchObject({ ok: false, problem: 'unsupported_type' });
  });

  it('refuses a page over 5 MB by its Content-Length, before reading its body', async () => {
    // Were the header not read, this reading would wait for the body and end as a timeout.
    expect(await fetchSource(`${base}/declared-huge`, { timeoutMs: 5_000 })).toMatchObject({
      ok: false,
      problem: 'too_large',
    });
  });

  it('names the site in its User-Agent', () => {
    expect(userAgents.length).toBeGreaterThan(0);
    expect(userAgents.every((agent) => /^KijiSourceReader\/1\.0 \(\+http.+\/about\/ai\)$/.test(agent))).toBe(true);
  });

  it('refuses loopback and private addresses unless KIJI_ALLOW_PRIVATE_FETCH=1, by literal and after DNS resolution', async () => {
    process.env.KIJI_ALLOW_PRIVATE_FETCH = '0';
    reloadConfig();
    const before = userAgents.length;
    expect(await fetchSource(`${base}/figures`)).toMatchObject({ ok: false, problem: 'refused' });
    expect(await fetchSource('http://10.0.0.1/')).toMatchObject({ ok: false, problem: 'refused' });
    expect(await fetchSource('http://[::1]/')).toMatchObject({ ok: false, problem: 'refused' });
    // `localhost` is a name: it is the address it resolves to that is refused, at connection time.
    const port = new URL(base).port;
    expect(await fetchSource(`http://localhost:${port}/figures`)).toMatchObject({ ok: false, problem: 'refused' });
    expect(userAgents.length).toBe(before);
  });

  it('reads one host one request at a time', async () => {
    maxInFlight = 0;
    await takeSnapshots({ urls: Array.from({ length: 6 }, (_, i) => `${base}/slow-${i}`), concurrency: 4 });
    expect(maxInFlight).toBe(1);
  });
});

describe('keeping snapshots and checking an article against them', () => {
  it('finds the figures a page states, and not the one it states differently; a PDF, a 404 and a timeout are kept as not checked', async () => {
    const saved = await importArticleDocument(
      cliActor,
      {
        title: '避難者が三万二千人に',
        lead: '政府は10月18日、避難者が三万二千人に達したと発表した。',
        sections: [
          { heading: '支援', paragraphs: ['支援総額は７億ドルで、前年の一・五倍[1]。会見は午後3時に始まった[1]。'] },
          { heading: '別の数字', paragraphs: ['避難者は32,000人とされる[2]。'] },
          { heading: '輸出', paragraphs: ['輸出量は2,500に達した[3]。'] },
          { heading: '読めない出典', paragraphs: ['被害は20億円[4][5]。'] },
        ],
        sources: [
          { title: '政府発表', url: `${base}/figures` },
          { title: '別の発表', url: `${base}/other-figure` },
          { title: '報告書', url: `${base}/report.pdf` },
          { title: '消えた発表', url: `${base}/missing` },
          { title: '応答しない発表', url: `${base}/never` },
        ],
      },
      { slug: 'claims-check', status: 'published' },
    );
    await takeSnapshots({ articleSlug: saved.slug, timeoutMs: 2_000 });

    const stored = await db().sourceSnapshot.findMany({ where: { url: { startsWith: base } }, orderBy: { id: 'asc' } });
    const byPath = new Map(stored.map((row) => [row.url.slice(base.length), row]));
    expect(byPath.get('/figures')).toMatchObject({ status: 200, problem: null });
    expect(byPath.get('/missing')).toMatchObject({ status: 404, problem: 'status', text: null });
    expect(byPath.get('/never')).toMatchObject({ problem: 'timeout', text: null });

    const { facts } = await checkArticle(saved.id);
    const result = (fact: string) => facts.find((entry) => entry.fact === fact);
    expect(result('三万二千人')).toMatchObject({ section: 'リード', result: 'found', source: { position: 1 } });
    expect(result('10月18日')).toMatchObject({ result: 'found' });
    expect(result('7億ドル')).toMatchObject({
      section: '支援',
      result: 'found',
      quote: '支援の総額は7億ドルで、前年の1.5倍にあたる。',
    });
    expect(result('一・五倍')).toMatchObject({ result: 'found' });
    expect(result('午後3時')).toMatchObject({ result: 'found' });
    expect(result('32,000人')).toMatchObject({ section: '別の数字', result: 'not_found', source: null });
    expect(result('2,500')).toMatchObject({ section: '輸出', result: 'found', source: { position: 3 } });
    expect(result('20億円')).toMatchObject({ section: '読めない出典', result: 'not_checkable' });
    expect((await unsupportedFacts(saved.id)).map((fact) => fact.fact)).toEqual(['32,000人']);

    const check = await db().claimCheck.findUniqueOrThrow({ where: { articleId: saved.id } });
    expect(check.total).toBe(facts.length);
    expect(check.found).toBe(facts.filter((fact) => fact.result === 'found').length);

    // The edit page's list: each section's facts in order, and the sources it could not read.
    const editor = await claimsForEditor(cliActor, saved.id);
    expect(editor.sections.map((section) => section.section)).toEqual([
      'リード',
      '支援',
      '別の数字',
      '輸出',
      '読めない出典',
    ]);
    expect(editor.summary.total).toBe(facts.length);
    expect(editor.sources.map((source) => [source.title, source.problem, source.versions])).toEqual([
      ['政府発表', null, 1],
      ['別の発表', null, 1],
      ['報告書', null, 1],
      ['消えた発表', 'status', 0],
      ['応答しない発表', 'timeout', 0],
    ]);
  });

  it('does not write an unchanged check again, so a scheduled run does not expire every article page', async () => {
    const { id } = await db().article.findUniqueOrThrow({ where: { slug: 'claims-check' } });
    const before = await db().claimCheck.findUniqueOrThrow({ where: { articleId: id } });
    await takeSnapshots({ articleSlug: 'claims-check', timeoutMs: 2_000 });
    const after = await db().claimCheck.findUniqueOrThrow({ where: { articleId: id } });
    expect(after.checkedAt).toEqual(before.checkedAt);
  });

  it('reads the sources never read before the others', async () => {
    paths.length = 0;
    await takeSnapshots({ urls: [`${base}/figures`, `${base}/first-time`], concurrency: 1 });
    expect(paths).toEqual(['/first-time', '/figures']);
  });

  it('keeps the old snapshot when a page changes, and only moves the time when it has not', async () => {
    const url = `${base}/changing`;
    await takeSnapshots({ urls: [url] });
    await takeSnapshots({ urls: [url] });
    changing = 2;
    await takeSnapshots({ urls: [url] });
    const rows = await db().sourceSnapshot.findMany({ where: { url }, orderBy: { id: 'asc' } });
    expect(rows).toHaveLength(2);
    expect(rows[0]!.text).toContain('第1版の発表。');
    expect(rows[1]!.text).toContain('第2版の発表。');
    expect(rows[0]!.lastSeenAt.getTime()).toBeGreaterThan(rows[0]!.retrievedAt.getTime());
  });

  it('reads a new source after a save, off the save’s path, and checks the article again', async () => {
    const saved = await importArticleDocument(
      cliActor,
      {
        title: '保存のあとで読む',
        lead: '支援は7億ドル。',
        sections: [{ heading: '見出し', paragraphs: ['本文[1]。'] }],
        sources: [{ title: '転送される発表', url: `${base}/moved` }],
      },
      { slug: 'claims-after-save', status: 'published' },
    );
    expect(await db().sourceSnapshot.count({ where: { url: `${base}/moved` } })).toBe(0);
    afterArticleWrite(saved.id);
    await settleSourceWork();
    expect(await db().sourceSnapshot.findFirst({ where: { url: `${base}/moved` } })).toMatchObject({
      finalUrl: `${base}/figures`,
    });
    expect(await db().claimCheck.findUnique({ where: { articleId: saved.id } })).toMatchObject({ total: 1, found: 1 });
  });
});
