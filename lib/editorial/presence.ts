import 'server-only';
import { assertMayEditArticles, type Actor } from '../auth/actor';
import { db } from '../platform/db';

/**
 * Who else has an article open in the editor. Each open form says so every 20 seconds; anyone not
 * heard from for a minute has left. Two editors see each other (who, since when) before they find
 * out by a conflict.
 */
export const PRESENCE_HEARTBEAT_MS = 20_000;
const GONE_AFTER_MS = 60_000;

export type Presence = { name: string; since: string };

export async function markPresent(actor: Actor, articleId: number): Promise<Presence[]> {
  assertMayEditArticles(actor);
  if (actor.kind !== 'user') return [];
  const now = new Date();
  const cutoff = new Date(now.getTime() - GONE_AFTER_MS);
  const article = await db().article.findUnique({ where: { id: articleId }, select: { id: true } });
  if (!article) return [];
  // Back after leaving for more than a minute counts as opening it anew.
  await db().$executeRaw`
    INSERT INTO editor_presence (article_id, user_id, since, seen_at)
    VALUES (${articleId}, ${actor.userId}, ${now}, ${now})
    ON CONFLICT (article_id, user_id) DO UPDATE
       SET since = CASE WHEN editor_presence.seen_at < ${cutoff} THEN EXCLUDED.since ELSE editor_presence.since END,
           seen_at = EXCLUDED.seen_at`;
  const others = await db().editorPresence.findMany({
    where: { articleId, seenAt: { gte: cutoff }, NOT: { userId: actor.userId } },
    orderBy: { since: 'asc' },
    select: { since: true, user: { select: { name: true } } },
  });
  return others.map((other) => ({ name: other.user.name, since: other.since.toISOString() }));
}

/** The form was closed: the others stop seeing this editor at once. */
export async function markGone(actor: Actor, articleId: number): Promise<void> {
  assertMayEditArticles(actor);
  if (actor.kind !== 'user') return;
  await db().editorPresence.deleteMany({ where: { articleId, userId: actor.userId } });
}

/** Old rows, for the scheduler's tidy-up. */
export async function prunePresence(actor: Actor): Promise<number> {
  assertMayEditArticles(actor);
  const { count } = await db().editorPresence.deleteMany({
    where: { seenAt: { lt: new Date(Date.now() - 24 * 3600_000) } },
  });
  return count;
}
