import { z } from 'zod';
import { disclosureSchema, isStorableText, UNSTORABLE_MESSAGE } from './text/primitives';

/**
 * A live update's fields as every way in reads them (docs/decisions/0040): the editors' form,
 * `npm run live:post` and the API. Pure: the OpenAPI document is generated from them.
 */

export const LIVE_UPDATE_BODY_MAX = 4_000;
export const LIVE_UPDATE_HEADING_MAX = 120;
export const LIVE_UPDATE_SOURCES_MAX = 10;

const optionalText = (max: number) =>
  z
    .string()
    .refine(isStorableText, UNSTORABLE_MESSAGE)
    .trim()
    .max(max, `${max}文字以内にしてください`)
    .optional()
    .transform((value) => value || null);

/** One source of an update: a title and its URL, as "タイトル https://…" on a line of the form. */
export const liveSourceSchema = z.strictObject({
  title: z.string().refine(isStorableText, UNSTORABLE_MESSAGE).trim().min(1).max(300),
  url: z.url({ protocol: /^https?$/, message: '出典の URL は http(s):// で始めてください' }).max(2_000),
});
export type LiveSource = z.infer<typeof liveSourceSchema>;

/** Reads the form's sources field: one source per line, the URL last. */
export function parseLiveSources(text: string): { sources: LiveSource[] } | { error: string } {
  const sources: LiveSource[] = [];
  for (const [index, raw] of text.split('\n').entries()) {
    const line = raw.trim();
    if (!line) continue;
    const match = /^(.*?)\s*(https?:\/\/\S+)$/u.exec(line);
    const parsed = liveSourceSchema.safeParse({ title: match?.[1] || match?.[2], url: match?.[2] });
    if (!match || !parsed.success)
      return { error: `出典の${index + 1}行目は「タイトル URL」の形にしてください（URL は http(s)://）` };
    sources.push(parsed.data);
  }
  if (sources.length > LIVE_UPDATE_SOURCES_MAX)
    return { error: `出典は${LIVE_UPDATE_SOURCES_MAX}件までにしてください` };
  return { sources };
}

export const liveUpdateInputSchema = z.object({
  heading: optionalText(LIVE_UPDATE_HEADING_MAX),
  body: z
    .string()
    .refine(isStorableText, UNSTORABLE_MESSAGE)
    .trim()
    .min(1, '更新の本文を入力してください')
    .max(LIVE_UPDATE_BODY_MAX, `本文は${LIVE_UPDATE_BODY_MAX}文字以内にしてください`),
  keyEvent: z.boolean().default(false),
  pinned: z.boolean().default(false),
  disclosure: disclosureSchema.default('human'),
  sources: z.array(liveSourceSchema).max(LIVE_UPDATE_SOURCES_MAX).default([]),
  imageId: z.number().int().min(1).max(2_147_483_647).nullable().default(null),
  imageAlt: optionalText(300),
});
export type LiveUpdateInput = z.input<typeof liveUpdateInputSchema>;

/**
 * What a pipeline sends with an integration key (POST /api/v1/articles/{slug}/live-updates): an
 * update made by AI, so labelled as AI-made or AI-assisted, never as the editors' own. Strict: an
 * unknown field is a problem, not silently dropped.
 */
export const liveUpdateFromKeySchema = z.strictObject({
  ...liveUpdateInputSchema.shape,
  disclosure: z.enum(['ai-generated', 'ai-assisted']).default('ai-generated'),
});
export type LiveUpdateFromKey = z.output<typeof liveUpdateFromKeySchema>;

/** Where an update a pipeline sent stands: held for review, posted, turned down, or posted and later taken down. */
export type HeldUpdateState = 'held' | 'published' | 'rejected' | 'removed';
export const heldUpdateState = (row: { heldForReview: boolean; deletedAt: Date | null }): HeldUpdateState =>
  row.heldForReview ? (row.deletedAt ? 'rejected' : 'held') : row.deletedAt ? 'removed' : 'published';
