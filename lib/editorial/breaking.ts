import 'server-only';
import { z } from 'zod';
import { assertMayEditArticles, type Actor } from '../auth/actor';
import { actorLabel, audit } from '../auth/audit';
import { cached, warmCached } from '../cache/data-cache';
import { expireTags } from '../cache/expire';
import { cacheTags } from '../cache/tags';
import { normalizeText } from '../format/normalize';
import { db } from '../platform/db';
import { publicArticleWhere } from '../articles/public';
import { routes } from '../routes/registry';

/**
 * The site-wide breaking-news banner (速報, docs/decisions/0040): an editor flags a live page or an
 * article for a chosen time, and every public page shows it until it expires or is taken down.
 * Kept as one site setting, so every page that shows it is tagged by it: setting it or taking it
 * down expires those pages on every instance through the change feed. Its end is kept the same way:
 * the scheduler's tick, on any instance, deletes an expired banner (clearExpiredBreaking).
 */

export const BREAKING_KEY = 'breaking';
/** How long a banner may stand, in minutes: the choices the form offers. */
export const BREAKING_DURATIONS = [15, 30, 60, 180, 360, 720, 1440] as const;

const storedSchema = z.object({ text: z.string(), slug: z.string(), until: z.iso.datetime() });
export type Breaking = { text: string; href: string; until: string };

export const breakingInputSchema = z.object({
  slug: z.string().min(1),
  text: z.string().trim().min(1, '速報の文を入力してください').max(80, '速報の文は80文字以内にしてください'),
  minutes: z.coerce
    .number()
    .int()
    .refine((value) => (BREAKING_DURATIONS as readonly number[]).includes(value), '掲示する時間を選んでください'),
});

const tag = cacheTags.setting(BREAKING_KEY);

/**
 * The stored setting as written (`stored`, null when there is none) and the banner it stands for
 * now (`standing`, null when it cannot be read or its time is up): every reader below asks here.
 */
async function readBreaking(): Promise<{ stored: string | null; standing: (Breaking & { slug: string }) | null }> {
  const row = await db().siteSetting.findUnique({ where: { key: BREAKING_KEY }, select: { value: true } });
  if (!row) return { stored: null, standing: null };
  let value: unknown = null;
  try {
    value = JSON.parse(row.value);
  } catch {
    // Unreadable: it stands for no banner, and the scheduler takes it away.
  }
  const parsed = storedSchema.safeParse(value);
  if (!parsed.success || Date.parse(parsed.data.until) <= Date.now()) return { stored: row.value, standing: null };
  return { stored: row.value, standing: { ...parsed.data, href: routes.article.href(parsed.data.slug) } };
}

async function loadBreaking(): Promise<Breaking | null> {
  const { standing } = await readBreaking();
  return standing && { text: standing.text, href: standing.href, until: standing.until };
}

/** The banner every public page shows, or null. Tagged by the setting alone. */
export const getBreaking = cached('breaking', () => [tag], loadBreaking);
/** Read at start (lib/server/services.ts), so that a page's first view costs only its own queries. */
export const warmBreaking = () => warmCached('breaking', [tag], loadBreaking);

/** Puts the banner up for `minutes`, naming a public article or live page. */
export async function setBreaking(
  actor: Actor,
  raw: z.input<typeof breakingInputSchema>,
): Promise<{ ok: true } | { ok: false; message: string }> {
  assertMayEditArticles(actor);
  const parsed = breakingInputSchema.safeParse({ ...raw, text: normalizeText(String(raw.text ?? '')) });
  if (!parsed.success) return { ok: false, message: parsed.error.issues[0]!.message };
  const article = await db().article.findFirst({
    where: { slug: parsed.data.slug, ...publicArticleWhere() },
    select: { id: true },
  });
  if (!article) return { ok: false, message: '速報にできるのは公開中の記事だけです' };
  const until = new Date(Date.now() + parsed.data.minutes * 60_000).toISOString();
  const value = JSON.stringify({ text: parsed.data.text, slug: parsed.data.slug, until });
  const updatedBy = actor.kind === 'user' ? actor.email : actorLabel(actor);
  await db().$transaction(async (tx) => {
    await tx.siteSetting.upsert({
      where: { key: BREAKING_KEY },
      create: { key: BREAKING_KEY, value, updatedBy },
      update: { value, updatedBy },
    });
    await audit(
      {
        actor,
        action: 'breaking_set',
        targetType: 'article',
        targetId: article.id,
        detail: { until, text: parsed.data.text },
      },
      tx,
    );
  });
  await expireTags([tag]);
  return { ok: true };
}

/** Takes the banner down before its time. */
export async function clearBreaking(actor: Actor): Promise<void> {
  assertMayEditArticles(actor);
  await db().$transaction(async (tx) => {
    const { count } = await tx.siteSetting.deleteMany({ where: { key: BREAKING_KEY } });
    if (count > 0) await audit({ actor, action: 'breaking_clear', targetType: 'setting', targetId: BREAKING_KEY }, tx);
  });
  await expireTags([tag]);
}

/**
 * The scheduler's part: a banner whose time has passed is deleted, which the change feed announces
 * to every instance, so the pages showing it are rendered without it. Whichever instance ticks first
 * deletes it; the others find nothing. Returns whether one was taken down.
 */
export async function clearExpiredBreaking(): Promise<boolean> {
  const { stored, standing } = await readBreaking();
  if (stored === null || standing) return false;
  const { count } = await db().siteSetting.deleteMany({ where: { key: BREAKING_KEY, value: stored } });
  if (count > 0) await expireTags([tag]);
  return count > 0;
}

/** What the dashboard shows of the banner now. */
export async function currentBreaking(actor: Actor): Promise<(Breaking & { slug: string }) | null> {
  assertMayEditArticles(actor);
  return (await readBreaking()).standing;
}
