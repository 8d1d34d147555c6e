import 'server-only';
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { assertIsAdmin, type Actor } from '../auth/actor';
import { httpUrlSchema } from '../articles/text/document';
import { db } from '../platform/db';
import { SIGNATURE_HEADER, signatureHeader } from './webhook-signature';

/**
 * Webhook delivery (docs/decisions/0030). Events are written to the outbox in the writer's
 * transaction (lib/articles/outbox.ts); `deliverDueWebhooks` sends what is due, from any instance:
 * each batch is claimed with FOR UPDATE SKIP LOCKED and leased (its next attempt moved on) in one
 * statement, so two instances never send one delivery at once, and a crashed sender's lease runs out
 * and is retried — at least once overall, with the event id for de-duplication. Failures retry with
 * exponential backoff for 24 hours. Not built yet: the dashboard's endpoints page and delivery log,
 * the refusal of private addresses, and running it (see the decision).
 */

export const WEBHOOK_EVENTS = [
  'article.published',
  'article.updated',
  'article.corrected',
  'article.unpublished',
  'article.deleted',
  'submission.state_changed',
] as const;

const LEASE_SECONDS = 60;
const GIVE_UP_AFTER_HOURS = 24;
const TIMEOUT_MS = 10_000;

/** Seconds before the next attempt after `attempts` failures: 10 s, 20 s, 40 s … at most an hour. */
export function backoffSeconds(attempts: number): number {
  return Math.min(10 * 2 ** Math.max(attempts - 1, 0), 3600);
}

export const endpointInputSchema = z.object({
  url: httpUrlSchema,
  events: z.array(z.enum(WEBHOOK_EVENTS)).min(1),
});

export async function createWebhookEndpoint(
  actor: Actor,
  input: z.input<typeof endpointInputSchema>,
): Promise<{ id: number; secret: string }> {
  assertIsAdmin(actor);
  const { url, events } = endpointInputSchema.parse(input);
  const secret = `whsec_${randomBytes(32).toString('base64url')}`;
  const row = await db().webhookEndpoint.create({ data: { url, events, secret }, select: { id: true } });
  return { id: row.id, secret };
}

type Due = {
  id: bigint;
  event_id: string;
  event_type: string;
  payload: unknown;
  url: string;
  secret: string;
  attempts: number;
};

/** Sends the deliveries that are due; returns how many were delivered and how many failed. */
export async function deliverDueWebhooks(limit = 20): Promise<{ delivered: number; failed: number }> {
  const due = await db().$queryRaw<Due[]>`
    WITH claimed AS (
      SELECT id FROM webhook_deliveries
      WHERE delivered_at IS NULL AND next_attempt_at <= now()
        AND created_at > now() - make_interval(hours => ${GIVE_UP_AFTER_HOURS})
      ORDER BY next_attempt_at
      LIMIT ${limit}
      FOR UPDATE SKIP LOCKED
    )
    UPDATE webhook_deliveries d
    SET attempts = d.attempts + 1, next_attempt_at = now() + make_interval(secs => ${LEASE_SECONDS})
    FROM claimed, webhook_endpoints e
    WHERE d.id = claimed.id AND e.id = d.endpoint_id AND e.disabled_at IS NULL
      AND d.delivered_at IS NULL AND d.next_attempt_at <= now()
    RETURNING d.id, d.event_id::text AS event_id, d.event_type, d.payload, e.url, e.secret, d.attempts`;
  let delivered = 0;
  await Promise.all(
    due.map(async (delivery) => {
      const body = JSON.stringify(delivery.payload);
      let status: number | null = null;
      let error: string | null = null;
      try {
        const response = await fetch(delivery.url, {
          method: 'POST',
          headers: {
            'Content-Type': 'application/json',
            'User-Agent': 'Kiji-Webhooks/1',
            'Kiji-Event-Id': delivery.event_id,
            'Kiji-Event-Type': delivery.event_type,
            [SIGNATURE_HEADER]: signatureHeader(delivery.secret, body),
          },
          body,
          redirect: 'manual',
          signal: AbortSignal.timeout(TIMEOUT_MS),
        });
        status = response.status;
        await response.body?.cancel();
      } catch (caught) {
        error = (caught as Error).message.slice(0, 500);
      }
      if (status !== null && status >= 200 && status < 300) {
        delivered += 1;
        await db().webhookDelivery.update({
          where: { id: delivery.id },
          data: { deliveredAt: new Date(), lastStatus: status, lastError: null },
        });
      } else {
        await db().webhookDelivery.update({
          where: { id: delivery.id },
          data: {
            lastStatus: status,
            lastError: error ?? `HTTP ${status}`,
            nextAttemptAt: new Date(Date.now() + backoffSeconds(delivery.attempts) * 1000),
          },
        });
      }
    }),
  );
  return { delivered, failed: due.length - delivered };
}
