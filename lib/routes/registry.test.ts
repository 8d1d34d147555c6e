import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parsePublicRoute, parseRequestUrl } from './public-routes';

const routeKindOf = (url: string) => parseRequestUrl(url).kind;
import {
  AREA_PREFIXES,
  areaOf,
  isSessionGuard,
  PROXY_MATCHER,
  routes,
  withoutTrailingSlash,
  type RouteDeclaration,
} from './registry';

const ROOT = path.resolve(import.meta.dirname, '../..');
const source = (file: string) => readFileSync(path.join(ROOT, file), 'utf8');
const parse = (href: string) => {
  const url = new URL(href, 'http://kiji.test');
  return parsePublicRoute(url.pathname, url.searchParams);
};

/** A Next matcher (`/tag/:path*`, `/archive/:path+`) as a regular expression over a pathname. */
function matcherRegex(pattern: string): RegExp {
  const body = pattern.replace(/\/:path\*$/, '(?:/.*)?').replace(/\/:path\+$/, '/.+');
  return new RegExp(`^${body}$`);
}
const matchedByProxy = (href: string) =>
  PROXY_MATCHER.some((pattern) => matcherRegex(pattern).test(new URL(href, 'http://kiji.test').pathname));

describe('the route registry', () => {
  it('builds URLs that the parser reads back as the same route', () => {
    expect(parse(routes.article.href('trump-urges-ceasefire'))).toEqual({
      kind: 'article',
      slug: 'trump-urges-ceasefire',
    });
    expect(areaOf(routes.article.image('a-slug', 4))).toBe('media');
    expect(parse(routes.category.href('world', 2))).toEqual({ kind: 'category', slug: 'world', page: 2 });
    expect(routes.category.href('world', 1)).toBe('/category/world');
    expect(parse(routes.tag.href('停戦', 3))).toEqual({ kind: 'tag', slug: '停戦', page: 3 });
    expect(parse(routes.archive.href(2025, 9, 2))).toEqual({ kind: 'archive', year: 2025, month: 9, page: 2 });
    expect(parse(routes.categoryFeed.href('world'))).toEqual({ kind: 'categoryFeed', slug: 'world' });
    expect(parse(routes.sitemapPart.href('articles-3.xml'))).toEqual({ kind: 'sitemapPart', file: 'articles-3.xml' });
    expect(parse(routes.editor.href('sato-hanako'))).toEqual({ kind: 'editor', slug: 'sato-hanako' });
    expect(parse(routes.image.href(3, '800.webp'))).toEqual({ kind: 'image', id: 3, file: '800.webp' });
  });

  it('renders each listing at an internal path that has its page folder in app/', () => {
    expect(routes.category.internal({ slug: 'world', page: 2 })).toBe('/category/world/page/2');
    expect(routes.tag.internal({ slug: '停戦', page: 1 })).toBe('/tag/%E5%81%9C%E6%88%A6/page/1');
    expect(routes.archive.internal({ year: 2025, month: 9, page: 1 })).toBe('/archive/2025/09/page/1');
    for (const folder of [
      'category/[slug]/page/[page]',
      'tag/[slug]/page/[page]',
      'archive/[year]/[month]/page/[page]',
    ]) {
      expect(source(`app/(site)/${folder}/page.tsx`)).toContain('lib/routes/registry.ts');
    }
  });

  it('sends through the proxy exactly the routes it says the proxy checks', () => {
    const samples: Record<string, string> = {
      home: routes.home.href(),
      article: routes.article.href('a'),
      liveUpdates: routes.liveUpdates.href('a', 2),
      liveUpdate: routes.liveUpdate.href('a', 7),
      liveKeyEvents: routes.liveKeyEvents.href('a'),
      liveFeed: routes.liveFeed.href('a'),
      category: routes.category.href('world'),
      categoryFeed: routes.categoryFeed.href('world'),
      tag: routes.tag.href('停戦'),
      archive: routes.archive.href(2025, 9),
      archiveIndex: routes.archiveIndex.href(),
      search: routes.search.href('選挙'),
      sitemapPart: routes.sitemapPart.href('pages.xml'),
      sitemap: routes.sitemap.href(),
      newsSitemap: routes.newsSitemap.href(),
      feed: routes.feed.href(),
      atom: routes.atom.href(),
      corrections: routes.corrections.href(),
      correctionsFeed: routes.correctionsFeed.href(),
      aboutAi: routes.aboutAi.href(),
      aboutCorrections: routes.aboutCorrections.href(),
      about: routes.about.href(),
      privacy: routes.privacy.href(),
      contact: routes.contact.href('invalid'),
      contactSend: routes.contactSend.href(),
      contactSent: routes.contactSent.href(),
      shareImage: routes.shareImage.href(),
      image: routes.image.href(3, '800.webp'),
      imageUpload: routes.imageUpload.href(),
      autosave: routes.autosave.href(),
      presence: routes.presence.href(),
      editor: routes.editor.href('sato-hanako'),
      robots: routes.robots.href(),
      securityTxt: routes.securityTxt.href(),
      favicon: routes.favicon.href(),
      icon: routes.icon.href(),
      logo: routes.logo.href(),
      appleTouchIcon: routes.appleTouchIcon.href(),
      trustTxt: routes.trustTxt.href(),
      articleImage: routes.articleImage.href('a-slug', '3.png'),
      login: routes.login.href(),
      twoFactor: routes.twoFactor.href(),
      adminPages: routes.adminPages.href('articles/1'),
      health: routes.health.href(),
      authApi: routes.authApi.href('sign-in/email'),
      apiSubmissions: routes.apiSubmissions.href(),
      apiSubmission: routes.apiSubmission.href('0b7e2f3c-1d2a-4b5c-8d9e-0f1a2b3c4d5e'),
      apiMedia: routes.apiMedia.href(),
      apiArticles: routes.apiArticles.href('limit=5'),
      apiArticle: routes.apiArticle.href('a-slug'),
      apiLiveUpdates: routes.apiLiveUpdates.href('a-slug'),
      apiLiveUpdate: routes.apiLiveUpdate.href(1),
      apiOpenApi: routes.apiOpenApi.href(),
    };
    expect(Object.keys(samples).sort()).toEqual(Object.keys(routes).sort());
    for (const [name, href] of Object.entries(samples)) {
      const entry: RouteDeclaration = routes[name as keyof typeof routes];
      const admin = areaOf(href) === 'admin';
      expect(matchedByProxy(href), `${name} ${href}`).toBe(!!entry.checked || isSessionGuard(entry.guard) || admin);
      // And each sample is read back as its own entry: the table finds it by looping.
      expect(parseRequestUrl(href).kind, href).toBe(name);
    }
    expect(matchedByProxy('/admin')).toBe(true);
    expect(matchedByProxy('/admin/articles/1')).toBe(true);
  });

  it('is what proxy.ts, next.config.ts and nginx’s template say, literally', () => {
    const proxy = source('proxy.ts');
    const literal = /matcher:\s*\[([\s\S]*?)\]/.exec(proxy)?.[1] ?? '';
    expect([...literal.matchAll(/'([^']+)'/g)].map((match) => match[1])).toEqual(PROXY_MATCHER);

    const nextConfig = source('next.config.ts');
    const [admin, api, asset, media] = [
      AREA_PREFIXES.admin,
      AREA_PREFIXES.api,
      AREA_PREFIXES.asset,
      AREA_PREFIXES.media,
    ].map((prefix) => prefix.slice(1));
    expect(nextConfig).toContain(`source: '/((?!${admin}|${api}|${asset}/static|${media}/).*)'`);
    expect(nextConfig).toContain(`source: '${AREA_PREFIXES.admin}'`);
    expect(nextConfig).toContain(`source: '${AREA_PREFIXES.admin}/:path*'`);
    expect(nextConfig).toContain(`source: '${AREA_PREFIXES.api}/:path*'`);

    const nginx = source('deploy/nginx/kiji.conf.template');
    expect(nginx).toContain(`location ^~ ${AREA_PREFIXES.admin} {`);
    expect(nginx).toContain(`location ^~ ${AREA_PREFIXES.api}/ {`);
    expect(nginx).toContain(`location ^~ ${AREA_PREFIXES.asset}/static/ {`);
  });

  it('puts every path in one area', () => {
    expect(areaOf('/admin')).toBe('admin');
    expect(areaOf('/admin/articles/1')).toBe('admin');
    expect(areaOf('/administrator')).toBe('public');
    expect(areaOf('/api/health')).toBe('api');
    expect(areaOf('/_next/static/chunks/a.js')).toBe('asset');
    expect(areaOf('/articles/a')).toBe('public');
  });

  it('names a request’s route for the metrics by its kind, never its path', () => {
    expect(routeKindOf('/')).toBe('home');
    expect(routeKindOf('/articles/a?utm_source=x')).toBe('article');
    expect(routeKindOf('/tag/%E5%81%9C%E6%88%A6?page=2')).toBe('tag');
    expect(routeKindOf('/feed.xml')).toBe('feed');
    expect(routeKindOf('/about/ai')).toBe('aboutAi');
    expect(routeKindOf('/admin/users')).toBe('adminPages');
    expect(routeKindOf('/wp-login.php')).toBe('other');
    expect(routeKindOf('/articles/UPPER')).toBe('invalid');
  });
});

describe('trailing slashes', () => {
  it('are removed, keeping the query', () => {
    expect(withoutTrailingSlash('/articles/x/')).toBe('/articles/x');
    expect(withoutTrailingSlash('/category/world//?page=2')).toBe('/category/world?page=2');
    expect(withoutTrailingSlash('/articles/x')).toBeNull();
    expect(withoutTrailingSlash('/')).toBeNull();
    expect(withoutTrailingSlash('/?utm_source=x')).toBeNull();
    expect(withoutTrailingSlash('//evil.example/')).toBe('/evil.example');
  });
});
