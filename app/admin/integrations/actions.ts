'use server';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { defineAction, defineStateAction } from '@/lib/editorial/admin-action';
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
 * "send again", and whether the read API is public. Declared through the runner (docs/decisions/0032):
 * admins only, signed in recently; the data layer records each change in the audit log.
 */

const PAGE = '/admin/integrations';

export type WebhookFormState = { error?: string; saved?: { id: number; secret: string | null; message: string } };

const id = z.coerce.number().int().positive().max(2_147_483_647);

/** Registers an endpoint (or changes one, when the form carries its id); a new secret is shown once. */
export const saveWebhookAction = defineStateAction('saveWebhookAction', {
  permission: 'admin',
  recentSignIn: PAGE,
  from: (form) => ({
    id: form.get('id') || undefined,
    url: form.get('url') ?? '',
    events: form.getAll('events').map(String),
    secret: form.get('secret') ?? '',
    rotate: form.get('rotate') === 'on',
  }),
  input: z.object({
    id: id.optional(),
    url: z.string().trim(),
    events: z.array(z.string()),
    secret: z.string().trim(),
    rotate: z.boolean(),
  }),
  invalid: (problem): WebhookFormState => ({ error: problem.detail }),
  audit: ['webhook_create', 'webhook_update'],
  expires: { paths: [PAGE] },
  run: async ({ actor, input }): Promise<WebhookFormState> => {
    const endpoint = {
      url: input.url,
      events: input.events as never,
      ...(input.secret ? { secret: input.secret } : {}),
    };
    try {
      if (input.id === undefined) {
        const created = await createWebhookEndpoint(actor, endpoint);
        return { saved: { id: created.id, secret: created.secret, message: 'Webhook を登録しました' } };
      }
      const updated = await updateWebhookEndpoint(actor, input.id, { ...endpoint, rotate: input.rotate });
      return { saved: { id: input.id, secret: updated.secret, message: 'Webhook を変更しました' } };
    } catch (error) {
      if (error instanceof WebhookInputError) return { error: error.message };
      throw error;
    }
  },
});

export const setWebhookDisabledAction = defineAction('setWebhookDisabledAction', {
  permission: 'admin',
  recentSignIn: PAGE,
  from: (form) => ({ id: form.get('id'), disabled: form.get('disabled') === '1' }),
  input: z.object({ id, disabled: z.boolean() }),
  audit: ['webhook_disable', 'webhook_enable'],
  run: async ({ actor, input }) => {
    await setWebhookEndpointDisabled(actor, input.id, input.disabled);
    redirect(`${PAGE}/${input.id}?done=${encodeURIComponent(input.disabled ? '停止しました' : '再開しました')}`);
  },
});

export const sendAgainAction = defineAction('sendAgainAction', {
  permission: 'admin',
  recentSignIn: PAGE,
  input: z.object({ endpointId: id, deliveryId: z.string().regex(/^\d{1,19}$/) }),
  audit: ['webhook_send_again'],
  run: async ({ actor, input }) => {
    const result = await sendAgain(actor, BigInt(input.deliveryId));
    const message = !result.ok
      ? `error=${encodeURIComponent(result.message)}`
      : result.delivered
        ? `done=${encodeURIComponent(`再送しました（HTTP ${result.status}）`)}`
        : `error=${encodeURIComponent(`再送しましたが、届きませんでした（${result.error}）`)}`;
    redirect(`${PAGE}/${input.endpointId}?${message}`);
  },
});

export const setArticlesApiPublicAction = defineAction('setArticlesApiPublicAction', {
  permission: 'admin',
  recentSignIn: PAGE,
  from: (form) => ({ open: form.get('open') === '1' }),
  input: z.object({ open: z.boolean() }),
  audit: ['api_settings_update'],
  run: async ({ actor, input }) => {
    await setArticlesApiPublic(actor, input.open);
    redirect(PAGE);
  },
});
