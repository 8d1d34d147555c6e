import { memoKeys, type MemoKey } from '../cache/keys';
import type { PublicRoute } from '../routes/public-routes';
import type { RouteName, routes } from '../routes/registry';

/**
 * The memos that remember whether the object of a checked route exists (lib/routes/registry.ts
 * `checked`), one entry per such route: the proxy's checks (lib/server/route-checks.ts) store
 * them, and Kiji's server reads them to answer a known-missing path itself
 * (lib/server/known-missing.ts). Kept apart from the checks so the server does not load the data
 * reads. The type requires an entry per checked route: a new one that forgets it does not compile.
 */
export type CheckedName = {
  [Name in RouteName]: (typeof routes)[Name] extends { checked: true } ? Name : never;
}[RouteName];
export type RouteOf<Name extends RouteName> = Extract<PublicRoute, { kind: Name }>;

/** The memos whose remembered `null`/`false` all prove the object missing; [] when nothing can be. */
export const routeMemos: { [Name in CheckedName]: (route: RouteOf<Name>) => MemoKey[] } = {
  // Missing only when neither the article nor a redirect from its old slug is there.
  article: (route) => [memoKeys.disclosure(route.slug), memoKeys.redirect(route.slug)],
  category: (route) => [memoKeys.categoryPage(route.slug, route.page)],
  categoryFeed: (route) => [memoKeys.categoryPage(route.slug, 1)],
  tag: (route) => [memoKeys.tagPage(route.slug, route.page)],
  archive: (route) => [memoKeys.archivePage(route.year, route.month, route.page)],
  editor: (route) => [memoKeys.editorProfile(route.slug)],
  liveUpdates: (route) => [memoKeys.liveUpdatesPage(route.slug, route.page)],
  liveUpdate: (route) => [memoKeys.liveUpdate(route.slug, route.id)],
  liveKeyEvents: (route) => [memoKeys.liveUpdatesPage(route.slug, 1)],
  liveFeed: (route) => [memoKeys.liveUpdatesPage(route.slug, 1)],
  search: () => [],
  sitemapPart: () => [],
};

/** The memos of a parsed route, or [] when its entry is not checked (or it is not a route). */
export function memosOf(route: PublicRoute): MemoKey[] {
  if (!Object.hasOwn(routeMemos, route.kind)) return [];
  // The entry found by the route's own kind takes that route: the table keys them alike.
  return (routeMemos[route.kind as CheckedName] as (route: PublicRoute) => MemoKey[])(route);
}
