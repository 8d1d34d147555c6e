import type { APIRequestContext } from '@playwright/test';
import { query } from './support/admin';
import { CACHE_HERD, CACHE_PATHS, CACHE_SCOPE } from './support/fixtures';
import { expect, test, readText } from './support/test';

/**
 * Kiji's server answers a public page that the shared store holds fresh without waking Next
 * (lib/server/cached-document.ts), reading the entry Next's cache handler stored. These tests pin
 * that to the Next in package.json: Next renders each kind of page for real, and the fast path must
 * then serve what it stored. A Next upgrade that changes its cache format fails here, instead of
 * quietly sending every page through Next. The e2e server sets KIJI_SERVED_BY_HEADER=1.
 */

async function get(request: APIRequestContext, path: string) {
  const response = await request.get(path);
  expect(response.status(), path).toBe(200);
  return {
    servedBy: response.headers()['x-kiji-served-by'],
    html: await readText(response),
    headers: response.headers(),
  };
}

/** Each kind of page the fast path serves, and text it must hold. */
const PAGES = [
  { kind: 'the home page', path: '/', shows: 'Kiji' },
  { kind: 'an article', path: `/articles/${CACHE_PATHS.slug}`, shows: CACHE_PATHS.title },
  { kind: 'a category page', path: '/category/technology', shows: '科学・技術' },
  { kind: 'a tag page', path: `/tag/${encodeURIComponent(CACHE_PATHS.tag)}`, shows: CACHE_PATHS.title },
  { kind: 'an archive month', path: '/archive/2025/09', shows: '2025年9月' },
];

for (const { kind, path, shows } of PAGES) {
  test(`the fast path serves ${kind} that Next rendered and stored, script-free and with the page's headers`, async ({
    request,
  }) => {
    const first = await get(request, path);
    expect(['next', 'fast-path']).toContain(first.servedBy);
    // Other tests write at the same time and expire the lists: ask until the stored render is served.
    await expect.poll(async () => (await get(request, path)).servedBy, { timeout: 20_000 }).toBe('fast-path');
    const fast = await get(request, path);
    expect(fast.html).toContain(shows);
    // No script, only structured data.
    expect(fast.html).not.toMatch(/<script(?![^>]*application\/ld\+json)/i);
    expect(fast.headers['content-security-policy']).toContain("script-src 'none'");
    expect(fast.headers['vary']).toContain('rsc');
    if (path.startsWith('/articles/')) expect(fast.headers['ai-disclosure']).toBe('ai-generated');
  });
}

test('a title changed with SQL is first served by Next, and then by the fast path', async ({ request }) => {
  const path = `/articles/${CACHE_PATHS.slug}`;
  await expect.poll(async () => (await get(request, path)).servedBy, { timeout: 20_000 }).toBe('fast-path');
  const title = `${CACHE_PATHS.title}（SQLで改題）`;
  await query('UPDATE articles SET title = $1 WHERE slug = $2', [title, CACHE_PATHS.slug]);
  let firstWithTitle: { servedBy: string | undefined } | null = null;
  await expect
    .poll(
      async () => {
        const page = await get(request, path);
        if (page.html.includes(title)) firstWithTitle ??= page;
        return page.html.includes(title);
      },
      { timeout: 20_000 },
    )
    .toBe(true);
  expect(firstWithTitle!.servedBy).toBe('next');
  await expect.poll(async () => (await get(request, path)).servedBy, { timeout: 20_000 }).toBe('fast-path');
  expect((await get(request, path)).html).toContain(title);
});

test('a page expired by a write is rendered once for the many readers who ask at that moment, and then served from the store', async ({
  request,
}) => {
  const path = `/articles/${CACHE_HERD.slug}`;
  await expect.poll(async () => (await get(request, path)).servedBy, { timeout: 20_000 }).toBe('fast-path');
  const title = `${CACHE_HERD.title}（書き換え後）`;
  await query('UPDATE articles SET title = $1 WHERE slug = $2', [title, CACHE_HERD.slug]);
  // Twenty readers at once, again and again until the change has reached them: in each round,
  // including the one the expiry lands in, Next renders the page at most twice (a render that
  // began within the clocks' margin of the write is rendered again), and the rest wait for it.
  const renders: number[] = [];
  await expect
    .poll(
      async () => {
        const round = await Promise.all(Array.from({ length: 20 }, () => get(request, path)));
        renders.push(round.filter((page) => page.servedBy === 'next').length);
        return round.every((page) => page.html.includes(title));
      },
      { timeout: 20_000 },
    )
    .toBe(true);
  expect(
    renders.every((count) => count <= 2),
    `renders per round: ${renders.join(', ')}`,
  ).toBe(true);
  expect(
    renders.some((count) => count >= 1),
    'the change was rendered',
  ).toBe(true);
  await expect.poll(async () => (await get(request, path)).servedBy, { timeout: 20_000 }).toBe('fast-path');
});

test('a write to one article leaves an unrelated article cached, and still reaches the listings that show it', async ({
  request,
}) => {
  const quiet = `/articles/${CACHE_SCOPE.quiet.slug}`;
  const listings = ['/archive/2025/09', `/tag/${encodeURIComponent(CACHE_SCOPE.busy.tag)}`];
  await expect.poll(async () => (await get(request, quiet)).servedBy, { timeout: 20_000 }).toBe('fast-path');
  for (const listing of listings) expect((await get(request, listing)).html).toContain(CACHE_SCOPE.busy.title);
  for (let edit = 1; edit <= 2; edit++) {
    const title = `${CACHE_SCOPE.busy.title}（第${edit}稿）`;
    await query('UPDATE articles SET title = $1 WHERE slug = $2', [title, CACHE_SCOPE.busy.slug]);
    // The change has reached the lists that show the edited article...
    for (const listing of listings) {
      await expect
        .poll(async () => (await get(request, listing)).html.includes(title), { message: listing, timeout: 20_000 })
        .toBe(true);
    }
    // ...and the unrelated article's next request is still served from the cache, not rendered.
    const next = await get(request, quiet);
    expect(['HIT', 'STALE'], `after edit ${edit}`).toContain(next.headers['x-nextjs-cache']);
    expect(next.html).toContain(CACHE_SCOPE.quiet.title);
  }
});

test('a render Next sends carries the validator the fast path gives its cached copy, and answers it with 304 when the page is the same', async ({
  request,
}) => {
  const path = `/articles/${CACHE_PATHS.slug}`;
  // Other tests write alongside (a related article can change the page): each attempt takes the
  // fast path's validator, expires the page with a write that changes nothing, and asks with it
  // until Next renders; the render must name the same bytes the same way and answer 304.
  await expect
    .poll(
      async () => {
        const fast = await get(request, path);
        if (fast.servedBy !== 'fast-path') return 'not yet from the fast path';
        const etag = fast.headers['etag'] ?? '';
        await query('UPDATE articles SET title = title WHERE slug = $1', [CACHE_PATHS.slug]);
        for (let attempt = 0; attempt < 40; attempt++) {
          const again = await request.get(path, { headers: { 'If-None-Match': etag } });
          if (again.headers()['x-kiji-served-by'] !== 'next') continue;
          return again.status() === 304 && again.headers()['etag'] === etag
            ? 'render answered 304'
            : 'the page changed';
        }
        return 'no render';
      },
      { timeout: 30_000 },
    )
    .toBe('render answered 304');
});

test('the fast path gives a validator, answers a matching If-None-Match with 304, and a new render with 200', async ({
  request,
}) => {
  const path = '/category/technology';
  // Other tests write while this runs, and a write re-renders the page: ask again until one
  // validator, taken from the fast path, is answered with 304.
  let etag = '';
  await expect
    .poll(
      async () => {
        const fast = await get(request, path);
        if (fast.servedBy !== 'fast-path') return 'not yet from the fast path';
        etag = fast.headers['etag'] ?? '';
        if (!/^W\/"[A-Za-z0-9_-]{22}"$/.test(etag)) return `no validator: ${etag}`;
        const revalidated = await request.get(path, { headers: { 'If-None-Match': etag } });
        if (revalidated.status() !== 304) return revalidated.status();
        expect(await revalidated.body()).toHaveLength(0);
        expect(revalidated.headers()['etag']).toBe(etag);
        return 304;
      },
      { timeout: 20_000 },
    )
    .toBe(304);
  const stale = await request.get(path, { headers: { 'If-None-Match': 'W/"0-0"' } });
  expect(stale.status()).toBe(200);
  // A page that does not exist never answers 304, whatever the validator.
  for (const path of ['/category/no-such-category', '/articles/no-such-article', '/no-such-page']) {
    const missing = await request.get(path, { headers: { 'If-None-Match': '*' } });
    expect(missing.status(), path).toBe(404);
  }
});

test('a missing page the server already knows is answered by the fast path, with the same not-found page', async ({
  request,
  baseURL,
}) => {
  for (const path of ['/articles/e2e-never-written', '/wp-login.php', '/articles/UPPER-case']) {
    const first = await request.get(path);
    expect(first.status(), path).toBe(404);
    await expect
      .poll(async () => (await request.get(path)).headers()['x-kiji-served-by'], { message: path, timeout: 20_000 })
      .toBe('fast-path');
    const fast = await request.get(path);
    expect(fast.status(), path).toBe(404);
    const html = await readText(fast);
    expect(html).toMatch(/<h1[^>]*>ページが見つかりません<\/h1>/);
    expect([...html.matchAll(/<meta name="robots" content="([^"]*)"/g)].map((match) => match[1])).toEqual(['noindex']);
    expect(html).not.toMatch(/<script(?![^>]*application\/ld\+json)/i);
    expect(fast.headers()['content-security-policy']).toContain("script-src 'none'");
    // Compressed once, like a cached page, in the coding the reader accepts.
    const compressed = await fetch(`${baseURL}${path}`, { headers: { 'Accept-Encoding': 'gzip, br' } });
    expect(compressed.status, path).toBe(404);
    expect(compressed.headers.get('x-kiji-served-by'), path).toBe('fast-path');
    expect(compressed.headers.get('content-encoding'), path).toBe('br');
    expect(compressed.headers.get('vary')?.toLowerCase(), path).toContain('accept-encoding');
    expect(await readText(compressed)).toBe(html);
  }
});

test('the fast path sends Brotli to a browser, gzip to a gzip-only client and plain bytes to the rest, all the same page', async ({
  request,
  baseURL,
}) => {
  const path = `/articles/${CACHE_PATHS.slug}`;
  await expect.poll(async () => (await get(request, path)).servedBy, { timeout: 20_000 }).toBe('fast-path');
  const fetchIn = async (acceptEncoding: string) => {
    // Node's fetch decodes the body and keeps the Content-Encoding header, so both can be checked.
    const response = await fetch(`${baseURL}${path}`, { headers: { 'Accept-Encoding': acceptEncoding } });
    return {
      coding: response.headers.get('content-encoding'),
      vary: response.headers.get('vary') ?? '',
      servedBy: response.headers.get('x-kiji-served-by'),
      etag: response.headers.get('etag'),
      text: await response.text(),
    };
  };
  // Other tests write at the same time: compare three answers from one render (one validator).
  await expect
    .poll(
      async () => {
        const [br, gzip, plain] = [
          await fetchIn('gzip, deflate, br'),
          await fetchIn('gzip'),
          await fetchIn('identity'),
        ];
        if (new Set([br.etag, gzip.etag, plain.etag]).size !== 1) return 'a write re-rendered the page between answers';
        if ([br, gzip, plain].some((answer) => answer.servedBy !== 'fast-path')) return 'not all from the fast path';
        expect([br.coding, gzip.coding, plain.coding]).toEqual(['br', 'gzip', null]);
        for (const answer of [br, gzip, plain]) expect(answer.vary.toLowerCase()).toContain('accept-encoding');
        expect(br.text).toBe(plain.text);
        expect(gzip.text).toBe(plain.text);
        expect(plain.text).toContain(CACHE_PATHS.title);
        return 'one page in three codings';
      },
      { timeout: 20_000 },
    )
    .toBe('one page in three codings');
});
