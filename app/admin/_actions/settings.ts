'use server';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { SETTING_KEYS, type SettingKey, updateSetting } from '@/lib/articles/site-settings';
import { defineAction } from '@/lib/editorial/admin-action';

/** The publisher's texts and the article texts (site settings): an admin's. */

const settingsError = (message: string) => `/admin/settings?error=${encodeURIComponent(message)}`;

export const updatePublisherTextAction = defineAction('updatePublisherTextAction', {
  permission: 'admin',
  input: z.object({
    key: z.enum(SETTING_KEYS as [SettingKey, ...SettingKey[]]),
    value: z.string().default(''),
  }),
  invalid: () => redirect(settingsError('設定の種類が正しくありません')),
  audit: ['setting_update'],
  run: async ({ actor, input: { key, value } }) => {
    const result = await updateSetting(actor, key, value);
    redirect(result.ok ? `/admin/settings?saved=${key}` : settingsError(result.message));
  },
});
