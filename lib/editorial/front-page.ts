import 'server-only';
import { z } from 'zod';
import { assertMayEditArticles, type Actor } from '../auth/actor';
import { expireTags } from '../cache/expire';
import { cacheTags } from '../cache/tags';
import { newestFirst, publicArticleWhere } from '../articles/public';
import { db } from '../platform/db';
import { audit } from '../auth/audit';

/**
 * Front page control: editors choose the top story and the order of the lead stories on `/`.
 * Slots left empty fill with the newest stories, as before; a chosen story that stops being public
 * (unpublished, deleted, rescheduled) drops out of the page without anyone having to remember it.
 */
export const FRONT_PAGE_SLOTS = 6;

export const frontPageInputSchema = z
  .array(z.union([z.literal(''), z.coerce.number().int().positive()]))
  .length(FRONT_PAGE_SLOTS)
  .transform((ids) => ids.filter((id): id is number => id !== ''))
  .refine((ids) => new Set(ids).size === ids.length, '同じ記事を二つの枠に選んでいます');

export type FrontPageChoice = {
  slots: (number | null)[];
  candidates: FrontPageCandidate[];
};

/** A story an editor can put on the front page, with what tells it apart from another of the same title. */
export type FrontPageCandidate = {
  id: number;
  title: string;
  publishedAt: string;
  category: string;
  /** Its lead image's id, for a thumbnail. */
  imageId: number | null;
};

const candidateSelect = {
  id: true,
  title: true,
  publishedAt: true,
  leadImageId: true,
  category: { select: { name: true } },
} as const;

/**
 * How many of the newest public stories the picker offers (it searches them as the editor types);
 * a chosen story older than these stays choosable.
 */
export const FRONT_PAGE_CANDIDATES = 300;

/** The slots as chosen, and the stories an editor can choose from (the newest public ones). */
export async function getFrontPageChoice(actor: Actor): Promise<FrontPageChoice> {
  assertMayEditArticles(actor);
  const [slots, recent] = await Promise.all([
    db().frontPageSlot.findMany({ orderBy: { position: 'asc' }, select: { articleId: true } }),
    db().article.findMany({
      where: publicArticleWhere(),
      orderBy: newestFirst,
      take: FRONT_PAGE_CANDIDATES,
      select: candidateSelect,
    }),
  ]);
  const chosen = slots.map((slot) => slot.articleId);
  // A chosen story older than the newest FRONT_PAGE_CANDIDATES stays choosable.
  const missing = chosen.filter((id) => !recent.some((article) => article.id === id));
  const older = missing.length
    ? await db().article.findMany({
        where: { id: { in: missing }, ...publicArticleWhere() },
        select: candidateSelect,
      })
    : [];
  return {
    slots: Array.from({ length: FRONT_PAGE_SLOTS }, (_, index) => chosen[index] ?? null),
    candidates: [...recent, ...older].map((article) => ({
      id: article.id,
      title: article.title,
      publishedAt: (article.publishedAt ?? new Date(0)).toISOString(),
      category: article.category?.name ?? '',
      imageId: article.leadImageId,
    })),
  };
}

export async function setFrontPage(
  actor: Actor,
  input: unknown,
): Promise<{ ok: true } | { ok: false; message: string }> {
  assertMayEditArticles(actor);
  const parsed = frontPageInputSchema.safeParse(input);
  if (!parsed.success) return { ok: false, message: parsed.error.issues[0]!.message };
  const ids = parsed.data;
  const visible = await db().article.count({ where: { id: { in: ids }, ...publicArticleWhere() } });
  if (visible !== ids.length) return { ok: false, message: '公開中でない記事はトップページに置けません' };
  await db().$transaction(async (tx) => {
    await tx.frontPageSlot.deleteMany({});
    await tx.frontPageSlot.createMany({ data: ids.map((articleId, position) => ({ position, articleId })) });
    await audit({ actor, action: 'front_page_update', targetType: 'front_page', detail: { articles: ids } }, tx);
  });
  await expireTags([cacheTags.frontPage]);
  return { ok: true };
}

/** The chosen stories' ids in order, for the home page (public ones only; the read filters). */
export async function loadFrontPageIds(): Promise<number[]> {
  const slots = await db().frontPageSlot.findMany({ orderBy: { position: 'asc' }, select: { articleId: true } });
  return slots.map((slot) => slot.articleId);
}
