import 'server-only';
import { randomBytes } from 'node:crypto';
import { lookup as dnsLookup } from 'node:dns/promises';
import http from 'node:http';
import https from 'node:https';
import { isIP } from 'node:net';
import { z } from 'zod';
import { assertIsAdmin, type Actor } from '../auth/actor';
import { audit } from '../auth/audit';
import { httpUrlSchema } from '../articles/text/document';
import { isForbiddenAddress } from '../articles/snapshots/address-policy';
import { guardedLookup } from '../articles/snapshots/fetch-source';
import { config } from '../platform/config';
import { db } from '../platform/db';
import { WEBHOOK_EVENTS } from './schemas';
import { SIGNATURE_HEADER, signatureHeader } from './webhook-signature';

/**
 * Webhook delivery (docs/decisions/0030). Events are written to the outbox in the writer's
 * transaction (lib/articles/outbox.ts); `deliverDueWebhooks` sends what is due, from any instance:
 * each batch is claimed with FOR UPDATE SKIP LOCKED and leased (its next attempt moved on) in one
 * statement, so two instances never send one delivery at once, and a crashed sender's lease runs out
 * and is retried — at least once overall, with the event id for de-duplication. Failures retry with
 * exponential backoff for 24 hours. Admins register, change and stop endpoints and read each one's
 * delivery log at /admin/integrations, with "send again" (docs/decisions/0034); no delivery ever
 * goes to the server's own network unless KIJI_ALLOW_PRIVATE_FETCH=1 (postDelivery).
 */

export { WEBHOOK_EVENTS } from './schemas';

const LEASE_SECONDS = 60;
const GIVE_UP_AFTER_HOURS = 24;
const TIMEOUT_MS = 10_000;
const DNS_TIMEOUT_MS = 5_000;

/** Seconds before the next attempt after `attempts` failures: 10 s, 20 s, 40 s … at most an hour. */
export function backoffSeconds(attempts: number): number {
  return Math.min(10 * 2 ** Math.max(attempts - 1, 0), 3600);
}

export const endpointInputSchema = z.object({
  url: httpUrlSchema,
  events: z.array(z.enum(WEBHOOK_EVENTS)).min(1, '知らせるイベントを一つ以上選んでください'),
  /** The admin's own secret (at least 24 characters); absent, Kiji makes one. */
  secret: z.string().trim().min(24, '秘密鍵は24文字以上にしてください').max(200).optional(),
});
export type EndpointInput = z.input<typeof endpointInputSchema>;

export type EndpointRefusal = { ok: false; message: string };

/** An endpoint the admin asked for that cannot be: the message says why, in Japanese. */
export class WebhookInputError extends Error {}

function parseEndpointInput(input: EndpointInput) {
  const parsed = endpointInputSchema.safeParse(input);
  if (!parsed.success) throw new WebhookInputError(parsed.error.issues[0]!.message);
  return parsed.data;
}

const newSecret = () => `whsec_${randomBytes(32).toString('base64url')}`;
const allowPrivate = () => config().KIJI_ALLOW_PRIVATE_FETCH;

/**
 * Whether a webhook URL may be registered: http or https, and its host, after DNS resolution, none
 * of the loopback, private or link-local addresses the source fetcher refuses (address-policy.ts),
 * unless KIJI_ALLOW_PRIVATE_FETCH=1. Checked again at each delivery, on the address the socket
 * connects to: a name that resolves elsewhere later still cannot lead inside.
 */
export async function webhookUrlProblem(url: string): Promise<string | null> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return 'URL として読めません';
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return 'http か https の URL にしてください';
  if (parsed.username || parsed.password) return 'URL に利用者名やパスワードを含めないでください';
  if (allowPrivate()) return null;
  const host = parsed.hostname.replace(/^\[|\]$/g, '');
  let addresses: string[];
  if (isIP(host)) addresses = [host];
  else {
    try {
      // Bounded like every network call: a resolver that never answers is a refusal, not a hang.
      const resolved = await Promise.race([
        dnsLookup(host, { all: true }),
        new Promise<never>((_, reject) => setTimeout(() => reject(new Error('timeout')), DNS_TIMEOUT_MS).unref()),
      ]);
      addresses = resolved.map((entry) => entry.address);
    } catch {
      return `${host} の名前を引けません`;
    }
  }
  const inside = addresses.find((address) => isForbiddenAddress(address));
  return inside ? `${host} は内部のアドレス（${inside}）を指しています。外から届く URL にしてください` : null;
}

/** Registers an endpoint; its secret is returned, the one time it is shown. */
export async function createWebhookEndpoint(
  actor: Actor,
  input: EndpointInput,
): Promise<{ id: number; secret: string }> {
  assertIsAdmin(actor);
  const { url, events, ...given } = parseEndpointInput(input);
  const problem = await webhookUrlProblem(url);
  if (problem) throw new WebhookInputError(problem);
  const secret = given.secret ?? newSecret();
  const row = await db().$transaction(async (tx) => {
    const created = await tx.webhookEndpoint.create({
      data: { url, events: [...new Set(events)], secret },
      select: { id: true },
    });
    await audit(
      {
        actor,
        action: 'webhook_create',
        targetType: 'webhook',
        targetId: created.id,
        detail: { url, events: events.join(',') },
      },
      tx,
    );
    return created;
  });
  return { id: row.id, secret };
}

/**
 * Changes an endpoint's URL and events, and its secret when one is given (`rotate`: Kiji makes a
 * new one). Returns the new secret when it changed, the one time it is shown.
 */
export async function updateWebhookEndpoint(
  actor: Actor,
  id: number,
  input: EndpointInput & { rotate?: boolean },
): Promise<{ secret: string | null }> {
  assertIsAdmin(actor);
  const { url, events, ...given } = parseEndpointInput(input);
  const problem = await webhookUrlProblem(url);
  if (problem) throw new WebhookInputError(problem);
  const secret = given.secret ?? (input.rotate ? newSecret() : null);
  return db().$transaction(async (tx) => {
    const updated = await tx.webhookEndpoint.updateMany({
      where: { id },
      data: { url, events: [...new Set(events)], ...(secret ? { secret } : {}) },
    });
    if (updated.count === 0) throw new WebhookInputError('この Webhook はありません');
    await audit(
      {
        actor,
        action: 'webhook_update',
        targetType: 'webhook',
        targetId: id,
        detail: { url, events: events.join(','), secretChanged: secret !== null },
      },
      tx,
    );
    return { secret };
  });
}

/** Stops (or resumes) an endpoint: a stopped one hears no new event and is sent nothing more. */
export async function setWebhookEndpointDisabled(actor: Actor, id: number, disabled: boolean): Promise<boolean> {
  assertIsAdmin(actor);
  return db().$transaction(async (tx) => {
    const changed = await tx.webhookEndpoint.updateMany({
      where: { id, disabledAt: disabled ? null : { not: null } },
      data: { disabledAt: disabled ? new Date() : null },
    });
    if (changed.count === 0) return false;
    await audit(
      { actor, action: disabled ? 'webhook_disable' : 'webhook_enable', targetType: 'webhook', targetId: id },
      tx,
    );
    return true;
  });
}

export type DeliveryState = 'delivered' | 'pending' | 'retrying' | 'given_up';

export type EndpointSummary = {
  id: number;
  url: string;
  events: string[];
  createdAt: Date;
  disabledAt: Date | null;
  /** The secret's first characters, to tell which one a receiver holds. */
  secretHint: string;
  delivered: number;
  failing: number;
};

export async function listWebhookEndpoints(actor: Actor): Promise<EndpointSummary[]> {
  assertIsAdmin(actor);
  const rows = await db().webhookEndpoint.findMany({
    orderBy: [{ disabledAt: { sort: 'desc', nulls: 'first' } }, { id: 'asc' }],
    select: { id: true, url: true, events: true, createdAt: true, disabledAt: true, secret: true },
  });
  const counts = await db().webhookDelivery.groupBy({
    by: ['endpointId', 'deliveredAt'],
    where: { endpointId: { in: rows.map((row) => row.id) } },
    _count: true,
  });
  return rows.map(({ secret, ...row }) => ({
    ...row,
    secretHint: `${secret.slice(0, 10)}…`,
    delivered: counts
      .filter((count) => count.endpointId === row.id && count.deliveredAt !== null)
      .reduce((sum, count) => sum + count._count, 0),
    failing: counts
      .filter((count) => count.endpointId === row.id && count.deliveredAt === null)
      .reduce((sum, count) => sum + count._count, 0),
  }));
}

export type DeliveryLogEntry = {
  id: string;
  eventId: string;
  eventType: string;
  createdAt: Date;
  attempts: number;
  state: DeliveryState;
  lastStatus: number | null;
  lastError: string | null;
  lastAttemptAt: Date | null;
  deliveredAt: Date | null;
  nextAttemptAt: Date | null;
};

/** An endpoint's delivery log, newest first: each event's state, attempts, last answer and when. */
export async function listDeliveries(actor: Actor, endpointId: number, limit = 50): Promise<DeliveryLogEntry[]> {
  assertIsAdmin(actor);
  const rows = await db().webhookDelivery.findMany({
    where: { endpointId },
    orderBy: { id: 'desc' },
    take: limit,
  });
  const giveUpBefore = Date.now() - GIVE_UP_AFTER_HOURS * 3600_000;
  return rows.map((row) => ({
    id: String(row.id),
    eventId: row.eventId,
    eventType: row.eventType,
    createdAt: row.createdAt,
    attempts: row.attempts,
    state: row.deliveredAt
      ? 'delivered'
      : row.createdAt.getTime() <= giveUpBefore
        ? 'given_up'
        : row.attempts === 0
          ? 'pending'
          : 'retrying',
    lastStatus: row.lastStatus,
    lastError: row.lastError,
    lastAttemptAt: row.lastAttemptAt,
    deliveredAt: row.deliveredAt,
    nextAttemptAt: row.deliveredAt ? null : row.nextAttemptAt,
  }));
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

type Attempt = { status: number | null; error: string | null };

/**
 * One POST of a delivery, bounded by TIMEOUT_MS from start to the last byte of the answer, never
 * following a redirect, and never to a loopback, private or link-local address unless
 * KIJI_ALLOW_PRIVATE_FETCH=1: the socket connects only to what the source fetcher's guarded lookup
 * allows (and an IP literal is held to the same rule), so DNS that changes after registration
 * cannot lead inside either.
 */
export async function postDelivery(
  url: string,
  headers: Record<string, string>,
  body: string,
  timeoutMs = TIMEOUT_MS,
): Promise<Attempt> {
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    return { status: null, error: 'URL として読めません' };
  }
  if (target.protocol !== 'http:' && target.protocol !== 'https:') {
    return { status: null, error: `${target.protocol} の URL には送りません` };
  }
  const literal = target.hostname.replace(/^\[|\]$/g, '');
  if (isIP(literal) && !allowPrivate() && isForbiddenAddress(literal)) {
    return { status: null, error: `内部のアドレス（${literal}）には送りません` };
  }
  const signal = AbortSignal.timeout(timeoutMs);
  const client = target.protocol === 'https:' ? https : http;
  try {
    const status = await new Promise<number>((resolve, reject) => {
      const request = client.request(target, {
        method: 'POST',
        lookup: guardedLookup,
        agent: false,
        signal,
        headers: { ...headers, 'Content-Length': String(Buffer.byteLength(body)) },
      });
      request.once('response', (response) => {
        // The answer's body is not kept, but read to its end within the same deadline.
        response.resume();
        response.once('end', () => resolve(response.statusCode ?? 0));
        response.once('error', reject);
      });
      request.once('error', reject);
      request.end(body);
    });
    return { status, error: status >= 200 && status < 300 ? null : `HTTP ${status}` };
  } catch (caught) {
    const error = caught as NodeJS.ErrnoException;
    if (signal.aborted) return { status: null, error: `${timeoutMs / 1000} 秒以内に答えがありませんでした` };
    if (error.code === 'KIJI_FORBIDDEN_ADDRESS') return { status: null, error: error.message };
    return { status: null, error: String(error.message ?? error).slice(0, 500) };
  }
}

/** Sends one claimed delivery and records its outcome: delivered, or its next attempt after backoff. */
async function attempt(delivery: Due): Promise<boolean> {
  const body = JSON.stringify(delivery.payload);
  const outcome = await postDelivery(
    delivery.url,
    {
      'Content-Type': 'application/json',
      'User-Agent': 'Kiji-Webhooks/1',
      'Kiji-Event-Id': delivery.event_id,
      'Kiji-Event-Type': delivery.event_type,
      [SIGNATURE_HEADER]: signatureHeader(delivery.secret, body),
    },
    body,
  );
  const ok = outcome.status !== null && outcome.status >= 200 && outcome.status < 300;
  await db().webhookDelivery.update({
    where: { id: delivery.id },
    data: ok
      ? { deliveredAt: new Date(), lastStatus: outcome.status, lastError: null, lastAttemptAt: new Date() }
      : {
          lastStatus: outcome.status,
          lastError: outcome.error,
          lastAttemptAt: new Date(),
          nextAttemptAt: new Date(Date.now() + backoffSeconds(delivery.attempts) * 1000),
        },
  });
  return ok;
}

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
  const outcomes = await Promise.all(due.map(attempt));
  const delivered = outcomes.filter(Boolean).length;
  return { delivered, failed: due.length - delivered };
}

/**
 * "Send again" from the delivery log: one attempt now, of a delivery whether it was delivered,
 * is retrying or was given up, with the same event id (a receiver de-duplicates on it) and a fresh
 * signature. The row is claimed as the sender claims it (SKIP LOCKED), so it is never sent twice at
 * once; a failure goes back to the usual backoff. Null when the delivery is being sent right now.
 */
export async function sendAgain(
  actor: Actor,
  deliveryId: bigint,
): Promise<{ ok: true; delivered: boolean; status: number | null; error: string | null } | EndpointRefusal> {
  assertIsAdmin(actor);
  const [claimed] = await db().$queryRaw<Due[]>`
    WITH claimed AS (
      SELECT id FROM webhook_deliveries WHERE id = ${deliveryId} FOR UPDATE SKIP LOCKED
    )
    UPDATE webhook_deliveries d
    SET attempts = d.attempts + 1, delivered_at = NULL, next_attempt_at = now() + make_interval(secs => ${LEASE_SECONDS})
    FROM claimed, webhook_endpoints e
    WHERE d.id = claimed.id AND e.id = d.endpoint_id AND e.disabled_at IS NULL
    RETURNING d.id, d.event_id::text AS event_id, d.event_type, d.payload, e.url, e.secret, d.attempts`;
  if (!claimed) {
    return { ok: false, message: 'この配信はいま送れません（送信中か、Webhook が停止中です）' };
  }
  await audit({
    actor,
    action: 'webhook_send_again',
    targetType: 'webhook_delivery',
    targetId: String(deliveryId),
    detail: { eventId: claimed.event_id, eventType: claimed.event_type },
  });
  const delivered = await attempt(claimed);
  const row = await db().webhookDelivery.findUniqueOrThrow({
    where: { id: deliveryId },
    select: { lastStatus: true, lastError: true },
  });
  return { ok: true, delivered, status: row.lastStatus, error: row.lastError };
}
