import { expect, test, readText } from './support/test';
import { readFile } from 'node:fs/promises';
import sharp from 'sharp';
import { E2E_SERVER_LOG, e2ePort, IMAGELESS, SEED, UNDRAWABLE_TITLE } from './support/fixtures';

/**
 * A crawler's walk through the whole site, from `/`: every URL the site emits on this origin — in
 * `href`, `src` and `srcset`, in Open Graph and Twitter tags, in JSON-LD, in feeds and sitemaps —
 * is fetched, and must answer 200, or a 301/308 to a URL that answers 200. A URL nobody fetches is
 * a 404 nobody sees (the share image in the JSON-LD was one).
 */
const ORIGIN = `http://localhost:${e2ePort}`;
/** Enough for every kind of page the demo and fixture content makes, several times over. */
const MAX_URLS = 1200;

function decodeEntities(value: string): string {
  return value
    .replace(/&amp;/g, '&')
    .replace(/&quot;/g, '"')
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>');
}

/** The URLs a document names, by where they appear, resolved against the page's own URL. */
function urlsIn(body: string, contentType: string, base: string): { url: string; from: string }[] {
  const found: { url: string; from: string }[] = [];
  const add = (raw: string, from: string) => {
    const value = decodeEntities(raw.trim());
    if (!value || /^(mailto:|tel:|data:|javascript:|#)/.test(value)) return;
    try {
      found.push({ url: new URL(value, base).href, from });
    } catch {
      found.push({ url: value, from: `${from} (unparseable)` });
    }
  };
  if (contentType.includes('html')) {
    for (const match of body.matchAll(/\s(?:href|src)="([^"]*)"/g)) add(match[1]!, 'href/src');
    for (const match of body.matchAll(/\ssrcset="([^"]*)"/gi)) {
      for (const candidate of match[1]!.split(',')) add(candidate.trim().split(/\s+/)[0]!, 'srcset');
    }
    for (const match of body.matchAll(
      /<meta\s[^>]*(?:property|name)="(og:[^"]+|twitter:[^"]+)"[^>]*content="([^"]*)"/g,
    )) {
      if (/(:url|:image|:image:url)$/.test(match[1]!)) add(match[2]!, match[1]!);
    }
    for (const match of body.matchAll(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/g)) {
      const walk = (node: unknown, key: string) => {
        if (typeof node === 'string') {
          if (
            /^(url|image|@id|logo|contentUrl|mainEntityOfPage|item|thumbnailUrl|sameAs)$/.test(key) &&
            /^(https?:|\/)/.test(node)
          ) {
            add(node, `JSON-LD ${key}`);
          }
        } else if (Array.isArray(node)) node.forEach((child) => walk(child, key));
        else if (node && typeof node === 'object') for (const [k, v] of Object.entries(node)) walk(v, k);
      };
      walk(JSON.parse(match[1]!), '');
    }
  } else if (/xml|rss|atom/.test(contentType)) {
    for (const match of body.matchAll(/<(?:loc|link|image:loc|id)>([^<]+)<\//g)) add(match[1]!, 'feed/sitemap');
    for (const match of body.matchAll(/\s(?:href|url)="([^"]*)"/g)) add(match[1]!, 'feed/sitemap attribute');
  } else if (contentType.includes('text/plain')) {
    for (const match of body.matchAll(/^(?:Sitemap|Canonical):\s*(\S+)/gm)) add(match[1]!, 'robots/security.txt');
  }
  return found;
}

test('every URL the site emits answers 200, or a permanent redirect to a 200', async ({ request }) => {
  test.setTimeout(600_000);
  // The sitemap index names its parts only past 50,000 URLs; the parts answer at any size.
  const seeds = [
    '/',
    '/robots.txt',
    '/sitemap.xml',
    '/sitemaps/pages.xml',
    '/sitemaps/articles-1.xml',
    '/news-sitemap.xml',
    '/feed.xml',
    '/atom.xml',
    '/.well-known/security.txt',
    '/favicon.ico',
  ];
  const queue: { url: string; from: string }[] = seeds.map((path) => ({ url: `${ORIGIN}${path}`, from: 'seed' }));
  const seen = new Set(queue.map((entry) => entry.url));
  const broken: string[] = [];
  let fetched = 0;
  while (queue.length > 0 && fetched < MAX_URLS) {
    const { url, from } = queue.shift()!;
    fetched += 1;
    let response = await request.get(url, { maxRedirects: 0 });
    let status = response.status();
    if (status === 301 || status === 308) {
      const target = new URL(response.headers().location!, url).href;
      response = await request.get(target, { maxRedirects: 0 });
      if (response.status() !== 200) broken.push(`${url} → ${target} ${response.status()} (from ${from})`);
      status = response.status();
    } else if (status !== 200) {
      broken.push(`${url} ${status} (from ${from})`);
    }
    if (status !== 200) continue;
    const contentType = response.headers()['content-type'] ?? '';
    if (!/html|xml|rss|atom|text\/plain/.test(contentType)) continue;
    for (const next of urlsIn(await readText(response), contentType, url)) {
      if (!next.url.startsWith(`${ORIGIN}/`) && next.url !== ORIGIN) continue;
      const path = new URL(next.url).pathname;
      // Not for crawlers (robots.txt disallows them), and search results are endless.
      if (/^\/(admin|api)(\/|$)/.test(path) || path === '/search') continue;
      if (seen.has(next.url)) continue;
      seen.add(next.url);
      queue.push({ url: next.url, from: `${from === 'seed' ? url : url} ${next.from}` });
    }
  }
  expect(broken).toEqual([]);
  // The walk reached the kinds of page a reader and a crawler meet.
  const paths = [...seen].map((url) => new URL(url).pathname);
  for (const kind of [
    '/articles/',
    '/category/',
    '/tag/',
    '/archive/',
    '/sitemaps/',
    '/about',
    '/editors/',
    '/media/images/',
    '/media/articles/',
  ]) {
    expect(
      paths.some((path) => path.startsWith(kind)),
      kind,
    ).toBe(true);
  }
  expect(fetched).toBeGreaterThan(100);
});

test('a trailing slash gets 308 to the canonical URL, whether or not the page is cached', async ({ request }) => {
  for (const path of [`/articles/${SEED.slug}`, '/category/world', '/about/ai']) {
    // The second request finds the page in the cache that the first one filled.
    for (let round = 0; round < 2; round += 1) {
      expect((await request.get(path)).status()).toBe(200);
      const slashed = await request.get(`${path}/`, { maxRedirects: 0 });
      expect(slashed.status(), `${path}/`).toBe(308);
      expect(slashed.headers().location).toBe(path);
    }
  }
});

type JsonLdImage = { url: string; width: string; height: string; digitalSourceType?: string; caption?: string };

async function articleImages(page: import('@playwright/test').Page, slug: string) {
  await page.goto(`/articles/${slug}`);
  const jsonLd = JSON.parse((await page.locator('script[type="application/ld+json"]').first().textContent())!) as {
    image: JsonLdImage[];
  };
  return {
    ogImage: (await page.locator('meta[property="og:image"]').getAttribute('content'))!,
    twitterImage: await page.locator('meta[name="twitter:image"]').getAttribute('content'),
    images: jsonLd.image,
  };
}

/** Each structured-data image answers, is the size it claims, and that size is 16:9, 4:3 or 1:1 at 1200 px. */
async function expectDeclaredSizes(request: import('@playwright/test').APIRequestContext, images: JsonLdImage[]) {
  expect(images.map((image) => `${image.width}x${image.height}`)).toEqual(['1200x675', '1200x900', '1200x1200']);
  for (const image of images) {
    const response = await request.get(image.url);
    expect(response.status(), image.url).toBe(200);
    expect(response.headers()['cache-control']).toContain('immutable');
    const metadata = await sharp(await response.body()).metadata();
    expect(`${metadata.width}x${metadata.height}`, image.url).toBe(`${image.width}x${image.height}`);
  }
}

test('an article without a lead image gives its generated card to sharers and, in three shapes, to search engines', async ({
  page,
  request,
}) => {
  const { ogImage, twitterImage, images } = await articleImages(page, IMAGELESS.slug);
  expect(ogImage).toMatch(new RegExp(`/media/articles/${IMAGELESS.slug}/(\\d+)\\.png$`));
  expect(twitterImage).toBe(ogImage);
  const version = /\/(\d+)\.png$/.exec(ogImage)![1];
  expect(images.map((image) => image.url)).toEqual(
    ['16x9', '4x3', '1x1'].map((shape) => ogImage.replace(/\.png$/, `-${shape}.png`)),
  );
  await expectDeclaredSizes(request, images);
  const stale = await request.get(`/media/articles/${IMAGELESS.slug}/999999-4x3.png`, { maxRedirects: 0 });
  expect(stale.status()).toBe(308);
  expect(new URL(stale.headers().location!, ogImage).pathname).toBe(
    `/media/articles/${IMAGELESS.slug}/${version}-4x3.png`,
  );
});

test('an article with a lead image gives its three cuts, with provenance, and shares the 16:9 one', async ({
  page,
  request,
}) => {
  const { ogImage, twitterImage, images } = await articleImages(page, SEED.slug);
  expect(ogImage).toMatch(/\/media\/images\/\d+\/1200x675\.jpg$/);
  expect(twitterImage).toBe(ogImage);
  expect(images[0]!.url).toBe(ogImage);
  expect(images.every((image) => image.digitalSourceType === 'https://schema.org/DigitalArtDigitalSource')).toBe(true);
  await expectDeclaredSizes(request, images);
});

test('every page offers the feeds for autodiscovery, and a category page its own feed first', async ({ request }) => {
  for (const path of ['/', `/articles/${SEED.slug}`, '/category/world', '/archive', '/about/ai', '/corrections']) {
    const html = await readText(await request.get(path));
    expect(html, path).toMatch(/<link rel="alternate" type="application\/rss\+xml"[^>]*href="[^"]*\/feed\.xml"/);
    expect(html, path).toMatch(/<link rel="alternate" type="application\/atom\+xml"/);
  }
  const category = await readText(await request.get('/category/world'));
  expect(category).toMatch(
    /<link rel="alternate" type="application\/rss\+xml"[^>]*href="[^"]*\/category\/world\/feed\.xml"/,
  );
  const home = await readText(await request.get('/?utm_source=x'));
  expect(home).toMatch(new RegExp(`<link rel="canonical" href="http://localhost:${e2ePort}/?"`));
  expect(home).toMatch(/<meta property="og:image" content="[^"]*\/share\.png"/);
});

test('demo content is readable but not indexable; a real article is indexable', async ({ request }) => {
  const robots = async (path: string) =>
    [...(await readText(await request.get(path))).matchAll(/<meta name="robots" content="([^"]*)"/g)].map((m) => m[1]);
  expect(await robots(`/articles/${SEED.slug}`)).toEqual([expect.stringMatching(/^noindex, follow/)]);
  expect(await robots('/articles/e2e-paged-1')).toEqual([expect.stringMatching(/^index, follow/)]);
  // The demo's fictional editor, who signs only demo articles, is readable and not indexable.
  expect(await robots('/editors/demo-editor')).toEqual([expect.stringMatching(/^noindex, follow/)]);
  expect(await readText(await request.get('/sitemap.xml'))).not.toContain('/editors/demo-editor');
  const news = await readText(await request.get('/news-sitemap.xml'));
  expect(news).not.toContain('/articles/demo-');
});

test('feeds, sitemaps, robots.txt and images carry a validator, and a matching If-None-Match gets 304', async ({
  request,
}) => {
  const paths = [
    '/feed.xml',
    '/atom.xml',
    '/sitemap.xml',
    '/news-sitemap.xml',
    '/robots.txt',
    '/share.png',
    '/favicon.ico',
  ];
  // An uploaded image's rendition, and a generated share image.
  const html = await readText(await request.get(`/articles/${SEED.slug}`));
  paths.push(
    /<img src="(\/media\/images\/[^"]+)"/.exec(html)![1]!,
    /<meta property="og:image" content="http:\/\/[^/]+([^"]+)"/.exec(
      await readText(await request.get(`/articles/${IMAGELESS.slug}`)),
    )![1]!,
  );
  for (const path of paths) {
    // Other tests publish while this runs, which changes a feed between two requests: ask again
    // until one validator is answered with 304.
    await expect
      .poll(
        async () => {
          const first = await request.get(path);
          const etag = first.headers()['etag'];
          if (first.status() !== 200 || !etag || !/^(W\/)?"[^"]+"$/.test(etag))
            return `no validator: ${first.status()}`;
          const again = await request.get(path, { headers: { 'If-None-Match': etag } });
          return again.status() === 304 && (await again.body()).length === 0 ? 304 : again.status();
        },
        { message: path, timeout: 20_000 },
      )
      .toBe(304);
    expect((await request.get(path, { headers: { 'If-None-Match': '"stale"' } })).status(), path).toBe(200);
  }
});

test('feeds, sitemaps and images say when they were made, and answer If-Modified-Since with 304, GET and HEAD alike', async ({
  request,
}) => {
  const paths = [
    '/feed.xml',
    '/atom.xml',
    '/category/world/feed.xml',
    '/corrections/feed.xml',
    '/sitemap.xml',
    '/news-sitemap.xml',
    '/share.png',
    '/favicon.ico',
    '/logo-square.png',
  ];
  // An uploaded image's rendition, and an article's drawn share image.
  const html = await readText(await request.get(`/articles/${SEED.slug}`));
  paths.push(
    /<img src="(\/media\/images\/[^"]+)"/.exec(html)![1]!,
    /<meta property="og:image" content="http:\/\/[^/]+([^"]+)"/.exec(
      await readText(await request.get(`/articles/${IMAGELESS.slug}`)),
    )![1]!,
  );
  for (const path of paths) {
    // Other tests publish while this runs, which makes a feed again between two requests: ask
    // again until one Last-Modified is answered with 304 by GET and HEAD.
    await expect
      .poll(
        async () => {
          const first = await request.get(path);
          const lastModified = first.headers()['last-modified'];
          if (first.status() !== 200 || !lastModified || Number.isNaN(Date.parse(lastModified)))
            return `no Last-Modified: ${first.status()}`;
          const since = { 'If-Modified-Since': lastModified };
          const get = await request.get(path, { headers: since });
          const head = await request.head(path, { headers: since });
          const changed = await request.get(path, {
            headers: { 'If-Modified-Since': new Date(Date.parse(lastModified) - 1000).toUTCString() },
          });
          // If-None-Match decides when both are sent (RFC 9110 §13.2.2): a stale tag gets the body.
          const staleTag = await request.get(path, { headers: { ...since, 'If-None-Match': '"stale"' } });
          return [
            get.status() === 304 && (await get.body()).length === 0 ? 304 : get.status(),
            head.status(),
            head.headers()['last-modified'] === lastModified ? 'same' : 'differs',
            changed.status(),
            staleTag.status(),
          ].join(' ');
        },
        { message: path, timeout: 20_000 },
      )
      .toBe('304 304 same 200 200');
  }
});

test('a share image draws a headline with an emoji and a zero-width space without fetching any font', async ({
  request,
}) => {
  const html = await readText(await request.get(`/articles/${UNDRAWABLE_TITLE.slug}`));
  const image = /<meta property="og:image" content="([^"]+)"/.exec(html)?.[1];
  expect(image).toBeTruthy();
  const response = await request.get(decodeEntities(image!));
  expect(response.status()).toBe(200);
  expect(response.headers()['content-type']).toBe('image/png');
  // next/og fetches a font from Google for any glyph its fonts lack; here that would be a failed
  // download in the server's log (Kiji downloads nothing while it runs).
  const log = await readFile(E2E_SERVER_LOG, 'utf8');
  expect(log).not.toContain('fonts.googleapis.com');
  expect(log).not.toContain('Failed to load dynamic');
});
