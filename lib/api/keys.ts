import 'server-only';
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { assertIsAdmin, type Actor } from '../auth/actor';
import { audit } from '../auth/audit';
import { db } from '../platform/db';
import { API_SCOPES, type ApiScope } from '../routes/api-scopes';

/**
 * Integration keys (docs/decisions/0030). A key is `kiji_<8 public characters>_<43 secret characters>`:
 * the public part (`prefix`, shown in the dashboard) finds the row, and the SHA-256 of the whole key is
 * compared with the stored hash in constant time. Only the hash is stored; the key is shown once and
 * never logged (the audit log names a key by its name and prefix).
 */

export { API_SCOPES, type ApiScope };

const KEY_PATTERN = /^(kiji_[a-z0-9]{8})_([A-Za-z0-9_-]{43})$/;
export const DEFAULT_RATE_LIMIT_PER_MINUTE = 120;
const RATE_WINDOW_SECONDS = 60;

export const apiKeyInputSchema = z.object({
  name: z.string().trim().min(1, '名前を入れてください').max(100, '名前は100文字以内にしてください'),
  scopes: z.array(z.enum(API_SCOPES)).min(1, '権限を一つ以上選んでください'),
  rateLimitPerMinute: z.number().int().min(1).max(100_000).default(DEFAULT_RATE_LIMIT_PER_MINUTE),
});
export type ApiKeyInput = z.input<typeof apiKeyInputSchema>;

const hashOf = (key: string) => createHash('sha256').update(key, 'utf8').digest('hex');

function newKey(): { key: string; prefix: string; hash: string } {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
  const prefix = `kiji_${Array.from(randomBytes(8), (byte) => alphabet[byte % alphabet.length]).join('')}`;
  const key = `${prefix}_${randomBytes(32).toString('base64url')}`;
  return { key, prefix, hash: hashOf(key) };
}

export type CreatedApiKey = { id: number; name: string; prefix: string; scopes: ApiScope[]; key: string };

/** Creates a key and returns it, the only time it exists outside the caller's hands. */
export async function createApiKey(actor: Actor, input: ApiKeyInput): Promise<CreatedApiKey> {
  assertIsAdmin(actor);
  const { name, scopes, rateLimitPerMinute } = apiKeyInputSchema.parse(input);
  const unique = [...new Set(scopes)];
  const { key, prefix, hash } = newKey();
  const created = await db().$transaction(async (tx) => {
    const row = await tx.apiKey.create({
      data: {
        name,
        prefix,
        hash,
        scopes: unique,
        rateLimitPerMinute,
        createdById: actor.kind === 'user' ? actor.userId : null,
        createdByLabel: actor.kind === 'user' ? actor.email : `system:${actor.name}`,
      },
      select: { id: true },
    });
    await audit(
      {
        actor,
        action: 'api_key_create',
        targetType: 'api_key',
        targetId: row.id,
        detail: { name, prefix, scopes: unique },
      },
      tx,
    );
    return row;
  });
  return { id: created.id, name, prefix, scopes: unique, key };
}

export type ApiKeySummary = {
  id: number;
  name: string;
  prefix: string;
  scopes: string[];
  createdByLabel: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
  rateLimitPerMinute: number;
};

export async function listApiKeys(actor: Actor): Promise<ApiKeySummary[]> {
  assertIsAdmin(actor);
  return db().apiKey.findMany({
    orderBy: [{ revokedAt: { sort: 'desc', nulls: 'first' } }, { createdAt: 'desc' }],
    select: {
      id: true,
      name: true,
      prefix: true,
      scopes: true,
      createdByLabel: true,
      createdAt: true,
      lastUsedAt: true,
      revokedAt: true,
      rateLimitPerMinute: true,
    },
  });
}

/** Revokes a key at once: its next request is refused with 401 (and audited). */
export async function revokeApiKey(actor: Actor, id: number): Promise<boolean> {
  assertIsAdmin(actor);
  return db().$transaction(async (tx) => {
    const revoked = await tx.apiKey.updateManyAndReturn({
      where: { id, revokedAt: null },
      data: { revokedAt: new Date() },
      select: { name: true, prefix: true },
    });
    if (revoked.length === 0) return false;
    await audit(
      { actor, action: 'api_key_revoke', targetType: 'api_key', targetId: id, detail: { ...revoked[0]! } },
      tx,
    );
    return true;
  });
}

export type KeyActor = Actor & { kind: 'integration' };

export type Authentication =
  | { ok: true; actor: KeyActor }
  | { ok: false; reason: 'missing' | 'invalid' | 'revoked' }
  | { ok: false; reason: 'scope'; scope: ApiScope }
  | { ok: false; reason: 'rate'; retryAfterSeconds: number };

/** The key in an `Authorization: Bearer …` header, or null. */
export function bearerKey(header: string | null): string | null {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  return match ? match[1]! : null;
}

/**
 * Who a bearer key is, and whether it may make this request: it must exist, be unrevoked, hold
 * `scope`, and be within its rate limit. The request is counted in one statement, so parallel
 * requests cannot slip past the limit; the same statement records the key's last use.
 */
export async function authenticateKey(key: string | null, scope: ApiScope): Promise<Authentication> {
  if (key === null) return { ok: false, reason: 'missing' };
  const parts = KEY_PATTERN.exec(key);
  if (!parts) return { ok: false, reason: 'invalid' };
  const row = await db().apiKey.findUnique({
    where: { prefix: parts[1]! },
    select: { id: true, name: true, prefix: true, hash: true, scopes: true, revokedAt: true },
  });
  // Compared even when there is no row, so that the time taken says nothing about which prefixes exist.
  const stored = Buffer.from(row?.hash ?? '0'.repeat(64), 'hex');
  const matches = timingSafeEqual(stored, Buffer.from(hashOf(key), 'hex')) && row !== null;
  if (!matches) return { ok: false, reason: 'invalid' };
  if (row.revokedAt) {
    await audit({
      actor: { anonymous: `key:${row.name}` },
      action: 'api_key_revoked_use',
      targetType: 'api_key',
      targetId: row.id,
      detail: { prefix: row.prefix, scope },
    });
    return { ok: false, reason: 'revoked' };
  }
  if (!row.scopes.includes(scope)) return { ok: false, reason: 'scope', scope };
  const [counted] = await db().$queryRaw<{ count: number; retry_after: number }[]>`
    UPDATE api_keys SET
      rate_count = CASE WHEN rate_window_start <= now() - make_interval(secs => ${RATE_WINDOW_SECONDS}) THEN 1 ELSE rate_count + 1 END,
      rate_window_start = CASE WHEN rate_window_start <= now() - make_interval(secs => ${RATE_WINDOW_SECONDS}) THEN now() ELSE rate_window_start END,
      last_used_at = now()
    WHERE id = ${row.id} AND revoked_at IS NULL
    RETURNING
      CASE WHEN rate_count > rate_limit_per_minute THEN rate_count ELSE 0 END AS count,
      greatest(1, ceil(extract(epoch FROM rate_window_start + make_interval(secs => ${RATE_WINDOW_SECONDS}) - now())))::int AS retry_after`;
  if (!counted) return { ok: false, reason: 'revoked' };
  if (counted.count > 0) return { ok: false, reason: 'rate', retryAfterSeconds: counted.retry_after };
  return { ok: true, actor: { kind: 'integration', keyId: row.id, name: row.name, scopes: row.scopes } };
}
