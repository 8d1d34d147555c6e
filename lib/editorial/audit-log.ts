import 'server-only';
import { z } from 'zod';
import { assertMayEditArticles, type Actor } from '../auth/actor';
import { db } from '../platform/db';
import type { Prisma } from '../generated/prisma/client';
import { AUDIT_ACTION_LABELS, type AuditAction } from './audit';

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
  actor: z.string().trim().max(320).optional().catch(undefined),
  article: z.coerce.number().int().positive().optional().catch(undefined),
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
 * every other detail of the record without them.
 */
function auditDetailFor(actor: Actor, detail: Prisma.JsonValue | null): string | null {
  if (detail === null) return null;
  const mayReadAddresses = actor.kind === 'system' || (actor.kind === 'user' && actor.role === 'admin');
  if (mayReadAddresses || typeof detail !== 'object' || Array.isArray(detail) || !('ip' in detail)) {
    return JSON.stringify(detail);
  }
  const { ip: _hidden, ...rest } = detail;
  return Object.keys(rest).length > 0 ? JSON.stringify(rest) : null;
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
