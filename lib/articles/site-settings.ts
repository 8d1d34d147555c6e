import 'server-only';
import { normalizeText } from '../format/normalize';
import { cached, warmCached } from '../cache/data-cache';
import { expireTags } from '../cache/expire';
import { z } from 'zod';
import { assertIsAdmin, type Actor } from '../auth/actor';
import { audit } from '../auth/audit';
import { cacheTags } from '../cache/tags';
import { db } from '../platform/db';
import { PUBLISHER_TEXTS, type PublisherTextKey } from './publisher-texts';
import { ARTICLE_TEXTS, type ArticleTextKey } from './article-texts';

/**
 * Site text that admins edit: the publisher's pages (lib/articles/publisher-texts.ts), in plain
 * text: blank lines between paragraphs, "## " headings; and the sentences every article page shows
 * (lib/articles/article-texts.ts).
 */
export const PUBLISHER_TEXT_KEYS = Object.keys(PUBLISHER_TEXTS) as PublisherTextKey[];
export const ARTICLE_TEXT_KEYS = Object.keys(ARTICLE_TEXTS) as ArticleTextKey[];
export const SETTING_KEYS = [...PUBLISHER_TEXT_KEYS, ...ARTICLE_TEXT_KEYS];
export type SettingKey = PublisherTextKey | ArticleTextKey;

/** What the settings page calls a setting. */
export function settingTitle(key: SettingKey): string {
  return key in PUBLISHER_TEXTS
    ? PUBLISHER_TEXTS[key as PublisherTextKey].title
    : ARTICLE_TEXTS[key as ArticleTextKey].title;
}

/** A publisher page's text: what an admin wrote, else its default. */
export async function publisherText(key: PublisherTextKey): Promise<string> {
  return (await getSetting(key)) ?? PUBLISHER_TEXTS[key].fallback;
}

/** An article page's sentence: what an admin wrote, else its default. */
export async function articleText(key: ArticleTextKey): Promise<string> {
  return (await getSetting(key)) ?? ARTICLE_TEXTS[key].fallback;
}

export type ArticleTexts = Record<ArticleTextKey, string>;
const ARTICLE_TEXT_TAGS = ARTICLE_TEXT_KEYS.map((key) => cacheTags.setting(key));

async function loadArticleTexts(): Promise<ArticleTexts> {
  const rows = await db().siteSetting.findMany({
    where: { key: { in: ARTICLE_TEXT_KEYS } },
    select: { key: true, value: true },
  });
  const saved = new Map(rows.map((row) => [row.key, row.value]));
  return Object.fromEntries(
    ARTICLE_TEXT_KEYS.map((key) => [key, saved.get(key) ?? ARTICLE_TEXTS[key].fallback]),
  ) as ArticleTexts;
}

/**
 * Every article page's sentences, in one cached read shared by all article pages; loaded at start
 * (instrumentation.ts) so that an article's first view still costs only its own two queries.
 */
export const getArticleTexts = cached('article-texts', () => ARTICLE_TEXT_TAGS, loadArticleTexts);
export const warmArticleTexts = () => warmCached('article-texts', ARTICLE_TEXT_TAGS, loadArticleTexts);

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
