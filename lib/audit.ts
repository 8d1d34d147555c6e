import 'server-only';
import type { Actor } from './actor';
import { db } from './db';
import type { Prisma } from './generated/prisma/client';

export type AuditAction =
  | 'login'
  | 'login_failed'
  | 'logout'
  | 'article_create'
  | 'article_edit'
  | 'article_publish'
  | 'article_schedule'
  | 'article_unpublish'
  | 'article_delete'
  | 'article_restore'
  | 'article_revision_restore'
  | 'article_import'
  | 'article_correct'
  | 'setting_update'
  | 'user_create'
  | 'user_role'
  | 'user_disable'
  | 'user_enable'
  | 'user_password_reset';

export function actorLabel(actor: Actor): string {
  return actor.kind === 'system' ? `system:${actor.name}` : actor.email;
}

/** Records who did what. Pass `tx` to write it in the same transaction as the change itself. */
export async function audit(
  entry: { actor: Actor | { anonymous: string }; action: AuditAction; targetType?: string; targetId?: string | number; detail?: Prisma.InputJsonValue },
  tx: Prisma.TransactionClient = db(),
): Promise<void> {
  const actor = entry.actor;
  await tx.auditEntry.create({
    data: {
      actorId: 'kind' in actor && actor.kind === 'user' ? actor.userId : null,
      actorLabel: 'anonymous' in actor ? actor.anonymous : actorLabel(actor),
      action: entry.action,
      targetType: entry.targetType ?? null,
      targetId: entry.targetId === undefined ? null : String(entry.targetId),
      detail: entry.detail ?? undefined,
    },
  });
}
