import 'server-only';
import { isIP } from 'node:net';
import { z } from 'zod';
import { assertMayEditArticles, type Actor } from '../auth/actor';
import { db } from '../platform/db';
import type { Prisma } from '../generated/prisma/client';
import { AUDIT_ACTION_LABELS, type AuditAction } from '../auth/audit';
import { throttleKeyWithoutAddress } from '../auth/throttle-keys';
import { databaseIdSchema, filterTextSchema } from '../routes/query-params';

/** The audit log as editors read it: filtered, paged, with sign-in addresses for admins only. */

export type AuditRow = {
  id: number;
  at: string;
  actor: string;
  action: string;
  target: string | null;
  detail: string | null;
};

/** The audit log's filters, from the page's query string; anything malformed is simply not applied. */
export const auditFilterSchema = z.object({
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
  /** An action, or a group: editorial (everything but sign-ins) or sign-in. */
  action: z
    .union([
      z.enum(['editorial', 'sign-in']),
      z.enum(Object.keys(AUDIT_ACTION_LABELS) as [AuditAction, ...AuditAction[]]),
    ])
    .optional()
    .catch(undefined),
  actor: filterTextSchema(320),
  article: databaseIdSchema.optional().catch(undefined),
  from: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .optional()
    .catch(undefined),
  to: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .optional()
    .catch(undefined),
});
export type AuditFilter = z.infer<typeof auditFilterSchema>;

const SIGN_IN_ACTIONS: AuditAction[] = ['login', 'login_failed', 'login_locked', 'login_unlock', 'logout'];

function auditWhere(filter: AuditFilter): Prisma.AuditEntryWhereInput {
  const where: Prisma.AuditEntryWhereInput[] = [];
  if (filter.action === 'editorial') where.push({ action: { notIn: SIGN_IN_ACTIONS } });
  else if (filter.action === 'sign-in') where.push({ action: { in: SIGN_IN_ACTIONS } });
  else if (filter.action) where.push({ action: filter.action });
  if (filter.actor) where.push({ actorLabel: { contains: filter.actor, mode: 'insensitive' } });
  if (filter.article) where.push({ targetType: 'article', targetId: String(filter.article) });
  // Dates are Japan's: the day begins at 00:00 JST.
  if (filter.from) where.push({ at: { gte: new Date(`${filter.from}T00:00:00+09:00`) } });
  if (filter.to) where.push({ at: { lt: new Date(new Date(`${filter.to}T00:00:00+09:00`).getTime() + 86_400_000) } });
  return where.length > 0 ? { AND: where } : {};
}

export async function listAudit(
  actor: Actor,
  filter: AuditFilter,
): Promise<{ rows: AuditRow[]; pageCount: number; total: number }> {
  assertMayEditArticles(actor);
  const where = auditWhere(filter);
  const [total, rows] = await Promise.all([
    db().auditEntry.count({ where }),
    db().auditEntry.findMany({ where, orderBy: { id: 'desc' }, skip: (filter.page - 1) * 100, take: 100 }),
  ]);
  return {
    total,
    pageCount: Math.max(1, Math.ceil(total / 100)),
    rows: rows.map((row) => ({
      id: row.id,
      at: row.at.toISOString(),
      actor: row.actorLabel,
      action: row.action,
      target: row.targetType ? `${row.targetType}:${row.targetId}` : null,
      detail: auditDetailFor(actor, row.detail),
    })),
  };
}

/**
 * Sign-in addresses are personal data: admins see them (to spot and clear an attack), editors see
 * every other detail of the record without them, in every form they take there: the `ip` of a
 * sign-in, and the address inside a cleared lock's key (`pair:someone@example.jp|203.0.113.9`
 * reads `pair:someone@example.jp`, `ip:203.0.113.9` reads `ip`).
 */
function auditDetailFor(actor: Actor, detail: Prisma.JsonValue | null): string | null {
  if (detail === null) return null;
  const mayReadAddresses = actor.kind === 'system' || actor.role === 'admin';
  if (mayReadAddresses) return JSON.stringify(detail);
  const hidden = withoutAddresses(detail);
  if (hidden && typeof hidden === 'object' && !Array.isArray(hidden) && Object.keys(hidden).length === 0) return null;
  return JSON.stringify(hidden);
}

function withoutAddresses(value: Prisma.JsonValue): Prisma.JsonValue {
  if (typeof value === 'string') return throttleKeyWithoutAddress(value) ?? value;
  if (Array.isArray(value)) return value.map(withoutAddresses);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([key, inner]) => key !== 'ip' && !(typeof inner === 'string' && isIP(inner)))
      .map(([key, inner]) => [key, withoutAddresses(inner ?? null)]),
  );
}

/** The query string of a filtered page of the log, for its paging links. */
export function auditQuery(filter: AuditFilter, page: number): string {
  const params = new URLSearchParams();
  for (const key of ['action', 'actor', 'article', 'from', 'to'] as const) {
    const value = filter[key];
    if (value !== undefined && value !== '') params.set(key, String(value));
  }
  if (page > 1) params.set('page', String(page));
  const query = params.toString();
  return query ? `?${query}` : '';
}
