import 'server-only';
import { randomUUID } from 'node:crypto';
import { siteUrl } from '../platform/config';
import type { Prisma } from '../generated/prisma/client';
import { routes } from '../routes/registry';

/**
 * The webhook outbox (docs/decisions/0030): what a write tells the world is written in the writer's
 * own transaction, one delivery row per endpoint that hears the event, so an event exists exactly
 * when its change committed. Delivery happens after commit (lib/api/webhooks.ts), never in a save.
 */

export type ArticleEventType =
  'article.published' | 'article.updated' | 'article.corrected' | 'article.unpublished' | 'article.deleted';

type State = { status: 'draft' | 'scheduled' | 'published'; deletedAt: Date | null };

/** Which event a write is, from the article before and after it (null: nothing the world sees). */
export function articleEventOf(before: State | null, after: State, action: string): ArticleEventType | null {
  if (after.deletedAt && !before?.deletedAt) return 'article.deleted';
  const was = before?.status === 'published' && !before.deletedAt;
  const is = after.status === 'published' && !after.deletedAt;
  if (was && !is) return 'article.unpublished';
  if (!was && is) return 'article.published';
  if (was && is) return action === 'article_correct' ? 'article.corrected' : 'article.updated';
  return null;
}

/** Writes an event to the outbox for every enabled endpoint that hears it (nothing when none does). */
export async function recordEvent(
  tx: Prisma.TransactionClient,
  type: string,
  data: Record<string, string | number | null>,
): Promise<void> {
  const id = randomUUID();
  const payload = JSON.stringify({ id, type, createdAt: new Date().toISOString(), data });
  await tx.$executeRaw`
    INSERT INTO webhook_deliveries (event_id, event_type, endpoint_id, payload)
    SELECT ${id}::uuid, ${type}, id, ${payload}::jsonb FROM webhook_endpoints
    WHERE disabled_at IS NULL AND ${type} = ANY(events)`;
}

export async function recordArticleEvent(
  tx: Prisma.TransactionClient,
  before: State | null,
  after: State & { id: number; slug: string },
  action: string,
  version: number,
): Promise<void> {
  const type = articleEventOf(before, after, action);
  if (!type) return;
  await recordEvent(tx, type, {
    articleId: after.id,
    slug: after.slug,
    version,
    url: after.status === 'published' && !after.deletedAt ? `${siteUrl()}${routes.article.href(after.slug)}` : null,
  });
}
