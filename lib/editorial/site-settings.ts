import 'server-only';
import { normalizeText } from '../format/normalize';
import { cached } from '../cache/data-cache';
import { expireTags } from '../cache/expire';
import { z } from 'zod';
import { assertIsAdmin, type Actor } from '../auth/actor';
import { audit } from '../auth/audit';
import { cacheTags } from '../cache/tags';
import { db } from '../platform/db';
import { PUBLISHER_TEXTS, type PublisherTextKey } from './publisher-texts';

/**
 * Site text that admins edit: the publisher's pages (lib/editorial/publisher-texts.ts), in plain
 * text: blank lines between paragraphs, "## " headings.
 */
export const SETTING_KEYS = Object.keys(PUBLISHER_TEXTS) as PublisherTextKey[];
export type SettingKey = PublisherTextKey;

/** A publisher page's text: what an admin wrote, else its default. */
export async function publisherText(key: SettingKey): Promise<string> {
  return (await getSetting(key)) ?? PUBLISHER_TEXTS[key].fallback;
}

export const getSetting = cached(
  'site-setting',
  ([key]) => [cacheTags.setting(key)],
  async (key: SettingKey): Promise<string | null> =>
    (await db().siteSetting.findUnique({ where: { key }, select: { value: true } }))?.value ?? null,
);

export const settingTextSchema = z
  .string()
  .trim()
  .min(1, '本文を入力してください')
  .max(20_000, '20,000文字以内にしてください');

export async function updateSetting(
  actor: Actor,
  key: SettingKey,
  value: string,
): Promise<{ ok: true } | { ok: false; message: string }> {
  assertIsAdmin(actor);
  const parsed = settingTextSchema.safeParse(normalizeText(value));
  if (!parsed.success) return { ok: false, message: parsed.error.issues[0]!.message };
  const updatedBy = actor.kind === 'user' ? actor.email : `system:${actor.name}`;
  await db().siteSetting.upsert({
    where: { key },
    create: { key, value: parsed.data, updatedBy },
    update: { value: parsed.data, updatedBy },
  });
  await audit({ actor, action: 'setting_update', targetType: 'setting', targetId: key });
  await expireTags([cacheTags.setting(key)]);
  return { ok: true };
}

/** Blocks of plain text: "## " lines become headings, the rest paragraphs. Rendered as text, never HTML. */
export function textBlocks(value: string): { heading?: string; paragraph?: string }[] {
  return value
    .replace(/\r\n?/g, '\n')
    .split(/\n{2,}/)
    .map((block) => block.trim())
    .filter(Boolean)
    .map((block) => (block.startsWith('## ') ? { heading: block.slice(3).trim() } : { paragraph: block }));
}
