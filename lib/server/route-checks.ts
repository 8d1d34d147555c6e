import {
  getArchivePage,
  getCategoryPage,
  getTagPage,
  publicArticleDisclosure,
  redirectedSlug,
} from '../articles/public-reads';
import { getEditorProfile } from '../editorial/profiles';
import { getLiveCoverage, getLiveUpdate } from '../articles/live-reads';
import { cacheTags } from '../cache/tags';
import { memoKeys, type MemoKey } from '../cache/keys';
import { readMemo } from '../cache/shared-memo';
import type { PublicRoute } from '../routes/public-routes';
import type { CheckedName, RouteOf } from './route-memos';

/**
 * The existence check of every route the table declares `checked` (lib/routes/registry.ts): the
 * proxy asks it before rendering, so a missing object is the site's 404 page (never a page's own
 * notFound(), which Next 16 renders as a blank shell). Each check is remembered in the shared memo
 * (lib/server/route-memos.ts names the keys) under the tags of what it depends on, so a write that
 * could create or remove the object expires it on every instance, and Kiji's server can answer a
 * known-missing path itself. The type requires one check per checked entry: a new checked page type
 * that forgets its check does not compile.
 */
export const disclosureOf = (slug: string) =>
  readMemo(memoKeys.disclosure(slug), {
    freshness: 'fresh',
    // Every write that could change it expires the article's own tag (old and new slug alike):
    // a write to another article leaves it, and the fast path, alone (docs/decisions/0026).
    tags: [cacheTags.article(slug)],
    load: () => publicArticleDisclosure(slug),
  });

export const redirectOf = (slug: string) =>
  readMemo(memoKeys.redirect(slug), {
    freshness: 'fresh',
    // Every write that could change it expires the article's own tag (old and new slug alike):
    // a write to another article leaves it, and the fast path, alone (docs/decisions/0026).
    tags: [cacheTags.article(slug)],
    load: () => redirectedSlug(slug),
  });

/** Whether something exists, remembered under the tags it depends on. */
const remembered = (key: MemoKey, tags: string[], load: () => Promise<unknown>) =>
  readMemo(key, { freshness: 'fresh', tags, load: async () => (await load()) !== null });

const lists = [cacheTags.articleLists];

const liveExists = (slug: string) =>
  remembered(memoKeys.liveUpdatesPage(slug, 1), [cacheTags.article(slug)], () => getLiveCoverage(slug, 1, false));

export const routeChecks: { [Name in CheckedName]: (route: RouteOf<Name>) => Promise<boolean> } = {
  article: async (route) => (await disclosureOf(route.slug)) !== null,
  category: (route) =>
    remembered(memoKeys.categoryPage(route.slug, route.page), lists, () => getCategoryPage(route.slug, route.page)),
  categoryFeed: (route) =>
    remembered(memoKeys.categoryPage(route.slug, 1), lists, () => getCategoryPage(route.slug, 1)),
  tag: (route) => remembered(memoKeys.tagPage(route.slug, route.page), lists, () => getTagPage(route.slug, route.page)),
  archive: (route) =>
    remembered(memoKeys.archivePage(route.year, route.month, route.page), lists, () =>
      getArchivePage(route.year, route.month, route.page),
    ),
  editor: (route) =>
    remembered(memoKeys.editorProfile(route.slug), [cacheTags.editor(route.slug), ...lists], () =>
      getEditorProfile(route.slug),
    ),
  // A live page's own tag: a post expires its checks and nothing else's.
  liveUpdates: (route) =>
    remembered(memoKeys.liveUpdatesPage(route.slug, route.page), [cacheTags.article(route.slug)], () =>
      getLiveCoverage(route.slug, route.page, false),
    ),
  liveUpdate: (route) =>
    remembered(memoKeys.liveUpdate(route.slug, route.id), [cacheTags.article(route.slug)], () =>
      getLiveUpdate(route.slug, route.id),
    ),
  liveKeyEvents: (route) => liveExists(route.slug),
  liveFeed: (route) => liveExists(route.slug),
  // Search always reads the database: it is checked for the database-down answer, never missing.
  search: async () => true,
  // The parts the sitemap index lists; a part past the last is empty, not missing (crawlers retry).
  sitemapPart: async () => true,
};

/** Whether a parsed route's object exists: its check, or true when its entry is not checked. */
export function routeExists(route: PublicRoute): Promise<boolean> {
  if (route.kind === 'invalid') return Promise.resolve(false);
  if (!Object.hasOwn(routeChecks, route.kind)) return Promise.resolve(true);
  // The check found by the route's own kind takes that route: the table keys them alike.
  return (routeChecks[route.kind as CheckedName] as (route: PublicRoute) => Promise<boolean>)(route);
}
