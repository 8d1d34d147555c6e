import type { APIResponse } from '@playwright/test';
import { routes, type RouteName } from '../lib/routes/registry';
import { IMAGELESS, SEED } from './support/fixtures';
import { DEMO_LIVE_SLUG } from '../scripts/lib/demo-slugs';
import { expect, test } from './support/test';

/**
 * Every kind of route in the table (lib/routes/registry.ts), one URL each: the type below requires
 * a sample for every entry, so a new route kind cannot join the table without joining this test.
 * Link checkers, crawlers and uptime monitors use HEAD: it must be the GET without its body.
 * `missing` is the route kind's 404, where it has one: every one must be the site's page, never
 * stored by a shared cache.
 */
const SAMPLES: Record<RouteName, { url: string; missing?: string }> = {
  home: { url: routes.home.href() },
  article: { url: routes.article.href(SEED.slug), missing: routes.article.href('no-such-article') },
  // The demo live page (scripts/lib/demo-content.ts) is loaded first: its updates are 1, 2 and 3.
  liveUpdates: { url: routes.liveUpdates.href(DEMO_LIVE_SLUG), missing: routes.liveUpdates.href(DEMO_LIVE_SLUG, 99) },
  liveUpdate: {
    url: routes.liveUpdate.href(DEMO_LIVE_SLUG, 1),
    missing: routes.liveUpdate.href(DEMO_LIVE_SLUG, 2_000_000),
  },
  liveKeyEvents: { url: routes.liveKeyEvents.href(DEMO_LIVE_SLUG), missing: routes.liveKeyEvents.href(SEED.slug) },
  liveFeed: { url: routes.liveFeed.href(DEMO_LIVE_SLUG), missing: routes.liveFeed.href('no-such-article') },
  category: { url: routes.category.href('world'), missing: routes.category.href('no-such-category') },
  categoryFeed: { url: routes.categoryFeed.href('world'), missing: routes.categoryFeed.href('no-such-category') },
  tag: { url: routes.tag.href(SEED.tags[0]!), missing: routes.tag.href('存在しないタグ') },
  archive: { url: routes.archive.href(2025, 10), missing: routes.archive.href(1999, 1) },
  archiveIndex: { url: routes.archiveIndex.href() },
  search: { url: routes.search.href('停戦') },
  editor: { url: routes.editor.href('demo-editor'), missing: routes.editor.href('no-such-editor') },
  corrections: { url: routes.corrections.href() },
  about: { url: routes.about.href(), missing: '/about/no-such-page' },
  aboutAi: { url: routes.aboutAi.href() },
  aboutCorrections: { url: routes.aboutCorrections.href() },
  privacy: { url: routes.privacy.href() },
  contact: { url: routes.contact.href() },
  contactSend: { url: routes.contactSend.href() },
  contactSent: { url: routes.contactSent.href() },
  feed: { url: routes.feed.href() },
  atom: { url: routes.atom.href() },
  correctionsFeed: { url: routes.correctionsFeed.href() },
  sitemap: { url: routes.sitemap.href() },
  newsSitemap: { url: routes.newsSitemap.href() },
  sitemapPart: { url: routes.sitemapPart.href('pages.xml'), missing: routes.sitemapPart.href('articles-0.xml') },
  robots: { url: routes.robots.href() },
  securityTxt: { url: routes.securityTxt.href() },
  favicon: { url: routes.favicon.href() },
  icon: { url: routes.icon.href() },
  logo: { url: routes.logo.href() },
  appleTouchIcon: { url: routes.appleTouchIcon.href() },
  trustTxt: { url: routes.trustTxt.href() },
  shareImage: { url: routes.shareImage.href() },
  articleImage: {
    url: routes.article.image(IMAGELESS.slug, 1, '16x9'),
    missing: routes.articleImage.href('no-such-article', '1.png'),
  },
  image: { url: routes.image.href(1, '480.webp'), missing: routes.image.href(2_000_000, '480.webp') },
  imageUpload: { url: routes.imageUpload.href() },
  autosave: { url: routes.autosave.href() },
  presence: { url: routes.presence.href() },
  login: { url: routes.login.href() },
  twoFactor: { url: routes.twoFactor.href() },
  adminPages: { url: routes.adminPages.href('articles/1') },
  health: { url: routes.health.href() },
  authApi: { url: routes.authApi.href('get-session') },
  apiSubmissions: { url: routes.apiSubmissions.href() },
  apiSubmission: { url: routes.apiSubmission.href('0b7e2f3c-1d2a-4b5c-8d9e-0f1a2b3c4d5e') },
  apiMedia: { url: routes.apiMedia.href() },
  apiArticles: { url: routes.apiArticles.href() },
  apiArticle: { url: routes.apiArticle.href(SEED.slug) },
  apiLiveUpdates: { url: routes.apiLiveUpdates.href(DEMO_LIVE_SLUG) },
  apiLiveUpdate: { url: routes.apiLiveUpdate.href(1) },
  apiOpenApi: { url: routes.apiOpenApi.href() },
};

/** Headers that describe one connection or one moment, not the answer. */
const PER_RESPONSE = new Set(['date', 'connection', 'keep-alive', 'transfer-encoding']);

function comparable(response: APIResponse): Record<string, string> {
  return Object.fromEntries(
    Object.entries(response.headers())
      .filter(([name]) => !PER_RESPONSE.has(name))
      // An admin page's policy carries a fresh nonce on every response.
      .map(([name, value]) => [name, value.replace(/'nonce-[^']+'/g, "'nonce-…'")]),
  );
}

for (const [name, { url }] of Object.entries(SAMPLES)) {
  test(`HEAD ${url} (${name}) answers exactly the GET's status and headers, without a body`, async ({ request }) => {
    const options = { maxRedirects: 0, headers: { 'accept-encoding': 'identity' } };
    // GET, HEAD, GET: when the two GETs agree (a first render goes through Next, the next comes from
    // the cache; other tests write meanwhile), the HEAD between them met the same state.
    await expect
      .poll(
        async () => {
          const get = await request.get(url, options);
          const head = await request.head(url, options);
          const again = await request.get(url, options);
          expect((await head.body()).length, 'a HEAD has no body').toBe(0);
          const [first, second] = [describe(get), describe(again)];
          if (JSON.stringify(first) !== JSON.stringify(second)) return 'the two GETs differ: ask again';
          return differences(describe(head), second);
        },
        { timeout: 30_000 },
      )
      .toEqual([]);
  });
}

function describe(response: APIResponse): Record<string, string> {
  return { status: String(response.status()), ...comparable(response) };
}

/** What differs between a HEAD and its GET, as `name: head ≠ get` lines. */
function differences(head: Record<string, string>, get: Record<string, string>): string[] {
  const names = [...new Set([...Object.keys(head), ...Object.keys(get)])].sort();
  return names.filter((name) => head[name] !== get[name]).map((name) => `${name}: ${head[name]} ≠ ${get[name]}`);
}

const missing = Object.entries(SAMPLES).flatMap(([name, sample]) =>
  sample.missing ? [{ name, url: sample.missing }] : [],
);
missing.push({ name: 'no route at all', url: '/no-such-path/at-all' });

for (const { name, url } of missing) {
  test(`the 404 of ${name} (${url}) is the site's not-found page, never stored, for GET and HEAD alike`, async ({
    request,
  }) => {
    for (let attempt = 0; attempt < 2; attempt++) {
      // The first answer comes from Next, the second may come from the fast path: both the site's page.
      // Uncompressed, so that lengths compare (a compressed render streams without one).
      const identity = { maxRedirects: 0, headers: { 'accept-encoding': 'identity' } };
      const response = await request.get(url, identity);
      expect(response.status(), url).toBe(404);
      expect(response.headers()['content-type']).toContain('text/html');
      expect(response.headers()['cache-control']).toContain('no-store');
      const html = await response.text();
      expect(html).toContain('ページが見つかりません');
      expect(html).toContain('<header');
      expect(html).not.toContain('__next_error__');
      const head = await request.head(url, identity);
      expect(head.status()).toBe(404);
      expect(head.headers()['cache-control']).toContain('no-store');
      expect(head.headers()['content-length']).toBe(response.headers()['content-length']);
    }
  });
}

test('a cached page names when it was made, and answers If-Modified-Since with 304', async ({ request }) => {
  const url = routes.article.href(SEED.slug);
  // Other tests write meanwhile and may expire the page between two requests: ask again until the
  // cache serves both (a render has no validator of its own, decision 0029).
  await expect
    .poll(
      async () => {
        const lastModified = (await request.get(url)).headers()['last-modified'];
        if (!lastModified) return 'not cached yet';
        const unchanged = await request.get(url, { headers: { 'if-modified-since': lastModified } });
        const earlier = new Date(Date.parse(lastModified) - 1000).toUTCString();
        const changed = await request.get(url, { headers: { 'if-modified-since': earlier } });
        return `${unchanged.status()} ${changed.status()}`;
      },
      { timeout: 30_000 },
    )
    .toBe('304 200');
});
