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
  /** The target as a person reads it: an article's title, a user's name, the front page. */
  targetLabel: string | null;
  /** Where the target can be opened in the dashboard, when it can. */
  targetHref: string | null;
  /** The record's details as stored (addresses only for admins), for machines and the tests. */
  detail: string | null;
  /** The same details as a person reads them: Japanese names, titles for article ids, words for states. */
  summary: string | null;
};

const DETAIL_LABELS: Record<string, string> = {
  slug: 'スラッグ',
  version: '版',
  status: '状態',
  scheduled: '予約公開',
  articles: '記事',
  whatWasWrong: '誤り',
  email: 'メール',
  role: '権限',
  profileSlug: 'プロフィール',
  width: '幅',
  height: '高さ',
  format: '形式',
  bytes: 'バイト数',
  ip: 'アドレス',
  failures: '失敗回数',
  method: '方法',
  key: '対象',
};
const VALUE_LABELS: Record<string, Record<string, string>> = {
  status: { draft: '下書き', scheduled: '予約', published: '公開中' },
  role: { admin: '管理者', editor: '編集者' },
};
const TARGET_LABELS: Record<string, string> = {
  front_page: 'トップページ',
  setting: '設定',
  image: '画像',
  contact_message: 'メッセージ',
};

type Names = { articles: Map<number, string>; users: Map<string, string> };

/** A detail as words: each field by its Japanese name, article ids as their titles. */
function summarise(detail: Prisma.JsonValue | null, names: Names): string | null {
  if (detail === null || typeof detail !== 'object' || Array.isArray(detail))
    return detail === null ? null : String(detail);
  const parts = Object.entries(detail).map(([key, value]) => {
    const label = DETAIL_LABELS[key] ?? key;
    if (key === 'articles' && Array.isArray(value)) {
      const titles = value.map((id) =>
        typeof id === 'number' ? (names.articles.get(id) ?? `記事 ${id}`) : String(id),
      );
      return `${label}: ${titles.length > 0 ? titles.map((title) => `「${title}」`).join('、') : 'なし（新しい順）'}`;
    }
    if (typeof value === 'boolean') return `${label}: ${value ? 'はい' : 'いいえ'}`;
    if (value === null) return `${label}: なし`;
    if (typeof value === 'string') return `${label}: ${VALUE_LABELS[key]?.[value] ?? value}`;
    return `${label}: ${typeof value === 'object' ? JSON.stringify(value) : String(value)}`;
  });
  return parts.length > 0 ? parts.join('／') : null;
}

/** The titles and names a page of the log refers to, in two queries. */
async function namesFor(
  rows: { targetType: string | null; targetId: string | null; detail: Prisma.JsonValue | null }[],
): Promise<Names> {
  const articleIds = new Set<number>();
  const userIds = new Set<string>();
  for (const row of rows) {
    if (row.targetType === 'article' && row.targetId && /^\d{1,9}$/.test(row.targetId))
      articleIds.add(Number(row.targetId));
    if (row.targetType === 'user' && row.targetId) userIds.add(row.targetId);
    const detail = row.detail;
    if (detail && typeof detail === 'object' && !Array.isArray(detail) && Array.isArray(detail.articles)) {
      for (const id of detail.articles) if (typeof id === 'number') articleIds.add(id);
    }
  }
  const [articles, users] = await Promise.all([
    articleIds.size > 0
      ? db().article.findMany({ where: { id: { in: [...articleIds] } }, select: { id: true, title: true } })
      : [],
    userIds.size > 0
      ? db().user.findMany({ where: { id: { in: [...userIds] } }, select: { id: true, name: true } })
      : [],
  ]);
  return {
    articles: new Map(articles.map((article) => [article.id, article.title])),
    users: new Map(users.map((user) => [user.id, user.name])),
  };
}

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
  const names = await namesFor(rows);
  return {
    total,
    pageCount: Math.max(1, Math.ceil(total / 100)),
    rows: rows.map((row) => {
      const detail = auditDetailFor(actor, row.detail);
      return {
        id: row.id,
        at: row.at.toISOString(),
        actor: row.actorLabel,
        action: row.action,
        target: row.targetType ? `${row.targetType}:${row.targetId}` : null,
        ...targetOf(row.targetType, row.targetId, names),
        detail,
        summary: summarise(detail === null ? null : (JSON.parse(detail) as Prisma.JsonValue), names),
      };
    }),
  };
}

function targetOf(
  type: string | null,
  id: string | null,
  names: Names,
): { targetLabel: string | null; targetHref: string | null } {
  if (!type) return { targetLabel: null, targetHref: null };
  if (type === 'article' && id) {
    const title = names.articles.get(Number(id));
    return { targetLabel: title ? `「${title}」（記事 ${id}）` : `記事 ${id}`, targetHref: `/admin/articles/${id}` };
  }
  if (type === 'user' && id) return { targetLabel: names.users.get(id) ?? 'もういない利用者', targetHref: null };
  const label = TARGET_LABELS[type] ?? type;
  return { targetLabel: id ? `${label}（${id}）` : label, targetHref: null };
}

/**
 * Sign-in addresses are personal data: admins see them (to spot and clear an attack), editors see
 * every other detail of the record without them, in every form they take there: the `ip` of a
 * sign-in, and the address inside a cleared lock's key (`pair:someone@example.jp|203.0.113.9`
 * reads `pair:someone@example.jp`, `ip:203.0.113.9` reads `ip`). A webhook endpoint's `url` is
 * the admins' too: it names a partner's system and may carry a token in its path.
 */
function auditDetailFor(actor: Actor, detail: Prisma.JsonValue | null): string | null {
  if (detail === null) return null;
  const mayReadAddresses = actor.kind === 'system' || (actor.kind === 'user' && actor.role === 'admin');
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
      .filter(([key, inner]) => key !== 'ip' && key !== 'url' && !(typeof inner === 'string' && isIP(inner)))
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
