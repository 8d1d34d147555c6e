import 'server-only';
import { z } from 'zod';
import { assertIsAdmin, assertMayEditArticles, type Actor } from '../auth/actor';
import { normalizeText } from '../format/normalize';
import { db } from '../platform/db';
import { audit } from '../auth/audit';
import { CONTACT_LIMITS } from './contact-limits';

/**
 * The contact form's messages. Sending one is the one write a reader makes, so it needs no
 * actor: what guards it is the schema, a honeypot field, and two rate limits (per address, and
 * for the whole site, so that many addresses cannot bury the editors' inbox). Reading and
 * handling messages is for editors; the sender's address is for admins.
 */

export const contactInputSchema = z.object({
  name: z
    .string()
    .trim()
    .min(1, 'お名前を入力してください')
    .max(CONTACT_LIMITS.nameLength, `お名前は${CONTACT_LIMITS.nameLength}文字以内にしてください`),
  email: z
    .string()
    .trim()
    .max(CONTACT_LIMITS.emailLength)
    .refine((value) => value === '' || z.email().safeParse(value).success, 'メールアドレスの形式が正しくありません'),
  body: z
    .string()
    .trim()
    .min(1, 'お問い合わせの内容を入力してください')
    .max(CONTACT_LIMITS.bodyLength, `内容は${CONTACT_LIMITS.bodyLength.toLocaleString('ja-JP')}文字以内にしてください`),
  /** Hidden from people (and labelled so): only a bot fills it in. */
  website: z.string().max(0).optional(),
});

/** The advisory lock the form's count-and-store holds (any fixed number no other lock uses). */
const CONTACT_LOCK_KEY = 0x6b696a69_0001n;

export type ContactRefusal = 'invalid' | 'rate-limited' | 'busy';

export async function submitContactMessage(
  raw: Record<string, unknown>,
  clientAddress: string,
): Promise<{ ok: true } | { ok: false; refusal: ContactRefusal; message: string }> {
  const normalized = Object.fromEntries(
    Object.entries(raw).map(([key, value]) => [key, typeof value === 'string' ? normalizeText(value) : value]),
  );
  const parsed = contactInputSchema.safeParse(normalized);
  if (!parsed.success) return { ok: false, refusal: 'invalid', message: parsed.error.issues[0]!.message };
  const { name, email, body } = parsed.data;
  // Counted and stored under one lock, so that parallel posts cannot all see room for themselves:
  // the lock is the transaction's, and the INSERT's own snapshot (taken after the lock is held)
  // sees every message committed before it. The form is rare enough for one site-wide lock.
  const [, [counts]] = await db().$transaction([
    db().$queryRaw`SELECT 1 FROM pg_advisory_xact_lock(${CONTACT_LOCK_KEY})`,
    db().$queryRaw<{ fromAddress: number; fromAll: number; stored: number }[]>`
      WITH recent AS (
        SELECT count(*) FILTER (WHERE client_address = ${clientAddress})::int AS "fromAddress", count(*)::int AS "fromAll"
        FROM contact_messages WHERE created_at >= now() - interval '1 hour'
      ), stored AS (
        INSERT INTO contact_messages (name, email, body, client_address)
        SELECT ${name}, ${email || null}, ${body}, ${clientAddress} FROM recent
        WHERE "fromAddress" < ${CONTACT_LIMITS.perAddressPerHour} AND "fromAll" < ${CONTACT_LIMITS.sitePerHour}
        RETURNING id
      )
      SELECT "fromAddress", "fromAll", (SELECT count(*) FROM stored)::int AS stored FROM recent`,
  ]);
  if (counts!.stored > 0) return { ok: true };
  if (counts!.fromAddress >= CONTACT_LIMITS.perAddressPerHour) {
    return {
      ok: false,
      refusal: 'rate-limited',
      message: '短い時間に多くのお問い合わせが送られました。1時間ほどおいてから、もう一度お送りください。',
    };
  }
  return {
    ok: false,
    refusal: 'busy',
    message: 'ただいまお問い合わせが混み合っています。時間をおいてお送りください。',
  };
}

export type ContactMessageRow = {
  id: number;
  name: string;
  email: string | null;
  body: string;
  createdAt: string;
  handledAt: string | null;
  handledBy: string | null;
  clientAddress?: string;
};

/** Newest first, unhandled ones first of all; the sender's address for admins only. */
export async function listContactMessages(actor: Actor, limit = 100): Promise<ContactMessageRow[]> {
  assertMayEditArticles(actor);
  const isAdmin = actor.kind === 'system' || (actor.kind === 'user' && actor.role === 'admin');
  const rows = await db().contactMessage.findMany({
    orderBy: [{ handledAt: { sort: 'desc', nulls: 'first' } }, { createdAt: 'desc' }],
    take: limit,
  });
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    email: row.email,
    body: row.body,
    createdAt: row.createdAt.toISOString(),
    handledAt: row.handledAt?.toISOString() ?? null,
    handledBy: row.handledBy,
    ...(isAdmin ? { clientAddress: row.clientAddress } : {}),
  }));
}

export async function markContactMessageHandled(actor: Actor, id: number): Promise<void> {
  assertMayEditArticles(actor);
  const by = actor.kind === 'user' ? actor.name : `system:${actor.name}`;
  const { count } = await db().contactMessage.updateMany({
    where: { id, handledAt: null },
    data: { handledAt: new Date(), handledBy: by },
  });
  if (count > 0) await audit({ actor, action: 'contact_handled', targetType: 'contact_message', targetId: id });
}

/** Old messages go after a year, as the privacy policy says; the scheduler calls this. */
export async function pruneContactMessages(actor: Actor): Promise<number> {
  assertIsAdmin(actor);
  const { count } = await db().contactMessage.deleteMany({
    where: { createdAt: { lt: new Date(Date.now() - 365 * 24 * 60 * 60 * 1000) } },
  });
  return count;
}
