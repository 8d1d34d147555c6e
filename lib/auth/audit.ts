import 'server-only';
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Actor } from './actor';
import { db } from '../platform/db';
import type { Prisma } from '../generated/prisma/client';

export type AuditAction =
  | 'login'
  | 'login_failed'
  | 'login_locked'
  | 'login_unlock'
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
  | 'user_password_reset'
  | 'two_factor_enable'
  | 'two_factor_disable'
  | 'contact_handled'
  | 'image_upload'
  | 'profile_update'
  | 'front_page_update'
  | 'api_key_create'
  | 'api_key_revoke'
  | 'api_key_revoked_use'
  | 'webhook_create'
  | 'webhook_update'
  | 'webhook_disable'
  | 'webhook_enable'
  | 'webhook_send_again'
  | 'api_settings_update'
  | 'article_submit'
  | 'submission_approve'
  | 'submission_request_changes'
  | 'submission_reject'
  | 'article_claims_decide'
  | 'live_update_post'
  | 'live_update_edit'
  | 'live_update_delete'
  | 'live_update_submit'
  | 'live_update_approve'
  | 'live_update_reject'
  | 'live_end'
  | 'live_resume'
  | 'breaking_set'
  | 'breaking_clear';

/** What each action is called on screen: 訂正, not `article_correct`. */
export const AUDIT_ACTION_LABELS: Record<AuditAction, string> = {
  login: 'ログイン',
  login_failed: 'ログイン失敗',
  login_locked: 'ログインの一時停止',
  login_unlock: 'ログイン制限の解除',
  logout: 'ログアウト',
  article_create: '作成',
  article_edit: '編集',
  article_publish: '公開',
  article_schedule: '予約公開の設定',
  article_unpublish: '公開の取り消し',
  article_delete: '削除',
  article_restore: '削除からの復元',
  article_revision_restore: '版の復元',
  article_import: '取り込み',
  article_correct: '訂正',
  setting_update: '設定の変更',
  user_create: 'ユーザーの作成',
  user_role: '権限の変更',
  user_disable: 'ユーザーの無効化',
  user_enable: 'ユーザーの有効化',
  user_password_reset: 'パスワードの再設定',
  two_factor_enable: '二段階認証の設定',
  two_factor_disable: '二段階認証の解除',
  contact_handled: 'お問い合わせの対応済み',
  image_upload: '画像のアップロード',
  profile_update: 'プロフィールの更新',
  front_page_update: 'トップページの並びの変更',
  api_key_create: '連携キーの作成',
  api_key_revoke: '連携キーの無効化',
  api_key_revoked_use: '無効化された連携キーの使用',
  webhook_create: 'Webhook の登録',
  webhook_update: 'Webhook の変更',
  webhook_disable: 'Webhook の停止',
  webhook_enable: 'Webhook の再開',
  webhook_send_again: 'Webhook の再送',
  api_settings_update: 'API の公開設定の変更',
  article_submit: '連携からの入稿',
  submission_approve: '入稿の承認',
  submission_request_changes: '入稿への修正依頼',
  submission_reject: '入稿の却下',
  article_claims_decide: '出典にない数値の確認',
  live_update_post: 'ライブの更新の投稿',
  live_update_edit: 'ライブの更新の編集',
  live_update_delete: 'ライブの更新の削除',
  live_update_submit: '連携からのライブの更新',
  live_update_approve: '連携からのライブの更新の掲載',
  live_update_reject: '連携からのライブの更新の却下',
  live_end: 'ライブの終了',
  live_resume: 'ライブの再開',
  breaking_set: '速報バナーの掲示',
  breaking_clear: '速報バナーの取り下げ',
};

export function actorLabel(actor: Actor): string {
  if (actor.kind === 'integration') return `key:${actor.name}`;
  return actor.kind === 'system' ? `system:${actor.name}` : actor.email;
}

/** The audit actions recorded within a scope (auditScope): the admin actions' runner checks them against its declaration. */
const recordedInScope = new AsyncLocalStorage<AuditAction[]>();

/**
 * Runs `work`, noting in `recorded` the action of every audit entry it writes (in a transaction that
 * may still roll back): lib/editorial/admin-action.ts compares them with what an action declares.
 */
export function auditScope<T>(recorded: AuditAction[], work: () => Promise<T>): Promise<T> {
  return recordedInScope.run(recorded, work);
}

/** Records who did what. Pass `tx` to write it in the same transaction as the change itself. */
export async function audit(
  entry: {
    actor: Actor | { anonymous: string };
    action: AuditAction;
    targetType?: string;
    targetId?: string | number;
    detail?: Prisma.InputJsonValue;
  },
  tx: Prisma.TransactionClient = db(),
): Promise<void> {
  const actor = entry.actor;
  recordedInScope.getStore()?.push(entry.action);
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
