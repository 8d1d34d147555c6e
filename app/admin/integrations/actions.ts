'use server';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { requireAdmin, requireRecentSignIn } from '@/lib/auth/session';
import { setArticlesApiPublic } from '@/lib/api/settings';
import {
  createWebhookEndpoint,
  sendAgain,
  setWebhookEndpointDisabled,
  updateWebhookEndpoint,
  WebhookInputError,
} from '@/lib/api/webhooks';

/**
 * The admins' integrations page (docs/decisions/0034): webhook endpoints, their delivery log's
 * "send again", and whether the read API is public. Each asks the data layer, which checks the
 * caller itself; kept apart from app/admin/actions.ts.
 */

const PAGE = '/admin/integrations';

export type WebhookFormState = { error?: string; saved?: { id: number; secret: string | null; message: string } };

const idOf = (value: FormDataEntryValue | null) => z.coerce.number().int().positive().parse(value);

function endpointInput(form: FormData) {
  const secret = String(form.get('secret') ?? '').trim();
  return {
    url: String(form.get('url') ?? '').trim(),
    events: form.getAll('events').map(String) as never,
    ...(secret ? { secret } : {}),
  };
}

/** Registers an endpoint (or changes one, when the form carries its id); a new secret is shown once. */
export async function saveWebhookAction(_previous: WebhookFormState, form: FormData): Promise<WebhookFormState> {
  const actor = await requireAdmin();
  await requireRecentSignIn(PAGE);
  const id = form.get('id') ? idOf(form.get('id')) : null;
  try {
    if (id === null) {
      const created = await createWebhookEndpoint(actor, endpointInput(form));
      return { saved: { id: created.id, secret: created.secret, message: 'Webhook を登録しました' } };
    }
    const updated = await updateWebhookEndpoint(actor, id, {
      ...endpointInput(form),
      rotate: form.get('rotate') === 'on',
    });
    return { saved: { id, secret: updated.secret, message: 'Webhook を変更しました' } };
  } catch (error) {
    if (error instanceof WebhookInputError) return { error: error.message };
    throw error;
  }
}

export async function setWebhookDisabledAction(form: FormData): Promise<void> {
  const actor = await requireAdmin();
  await requireRecentSignIn(PAGE);
  const id = idOf(form.get('id'));
  const disabled = form.get('disabled') === '1';
  await setWebhookEndpointDisabled(actor, id, disabled);
  redirect(`${PAGE}/${id}?done=${encodeURIComponent(disabled ? '停止しました' : '再開しました')}`);
}

export async function sendAgainAction(form: FormData): Promise<void> {
  const actor = await requireAdmin();
  await requireRecentSignIn(PAGE);
  const endpointId = idOf(form.get('endpointId'));
  const deliveryId = BigInt(
    z
      .string()
      .regex(/^\d{1,19}$/)
      .parse(form.get('deliveryId')),
  );
  const result = await sendAgain(actor, deliveryId);
  const message = !result.ok
    ? `error=${encodeURIComponent(result.message)}`
    : result.delivered
      ? `done=${encodeURIComponent(`再送しました（HTTP ${result.status}）`)}`
      : `error=${encodeURIComponent(`再送しましたが、届きませんでした（${result.error}）`)}`;
  redirect(`${PAGE}/${endpointId}?${message}`);
}

export async function setArticlesApiPublicAction(form: FormData): Promise<void> {
  const actor = await requireAdmin();
  await requireRecentSignIn(PAGE);
  await setArticlesApiPublic(actor, form.get('open') === '1');
  redirect(PAGE);
}
