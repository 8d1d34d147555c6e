import 'server-only';
import { z } from 'zod';
import { assertMayEditArticles, type Actor } from '../auth/actor';
import { normalizeDeep } from '../format/normalize';
import { cached } from '../cache/data-cache';
import { publicArticleWhere } from './public';
import { NotFoundError, writeArticle, WriteRefused } from './writer';
import { actorLabel } from '../auth/audit';
import { cacheTags } from '../cache/tags';
import { db } from '../platform/db';

/** Corrections to published articles: recorded, shown on the article, listed site-wide. */

export const correctionInputSchema = z.object({
  whatWasWrong: z.string().trim().min(1, '誤っていた内容を入力してください').max(1000),
  whatChanged: z.string().trim().min(1, '訂正した内容を入力してください').max(1000),
  beforeText: z
    .string()
    .trim()
    .max(5000)
    .transform((value) => value || null),
  afterText: z
    .string()
    .trim()
    .max(5000)
    .transform((value) => value || null),
});

export type CorrectionResult = { ok: true } | { ok: false; message: string };

/**
 * A correction is a write of the article like any other: through the one writer, so it gets its
 * version, its revision (action `article_correct`) and its audit entry in the correction's own
 * transaction, and dateModified moves with it.
 */
export async function addCorrection(
  actor: Actor,
  articleId: number,
  raw: z.input<typeof correctionInputSchema>,
): Promise<CorrectionResult> {
  assertMayEditArticles(actor);
  const parsed = correctionInputSchema.safeParse(normalizeDeep(raw));
  if (!parsed.success) return { ok: false, message: parsed.error.issues[0]!.message };
  try {
    await writeArticle(actor, { id: articleId }, async (tx, article) => {
      if (article!.status !== 'published' || article!.deletedAt)
        throw new WriteRefused('訂正は公開中の記事にだけ追加できます');
      await tx.correction.create({
        data: {
          articleId,
          correctedAt: new Date(),
          ...parsed.data,
          authorLabel: actor.kind === 'user' ? actor.name : actorLabel(actor),
        },
      });
      return {
        articleId,
        action: 'article_correct',
        detail: { whatWasWrong: parsed.data.whatWasWrong },
        alsoExpire: [cacheTags.corrections],
      };
    });
  } catch (error) {
    if (error instanceof WriteRefused) return { ok: false, message: String(error.result) };
    if (error instanceof NotFoundError) return { ok: false, message: '記事が見つかりません' };
    throw error;
  }
  return { ok: true };
}

export type SiteCorrection = {
  slug: string;
  title: string;
  correctedAt: string;
  whatWasWrong: string;
  whatChanged: string;
};

const loadSiteCorrections = cached(
  'site-corrections',
  () => [cacheTags.corrections, cacheTags.articleLists],
  async (count: number): Promise<SiteCorrection[]> => {
    const rows = await db().correction.findMany({
      where: { article: publicArticleWhere() },
      orderBy: { correctedAt: 'desc' },
      take: count,
      select: {
        correctedAt: true,
        whatWasWrong: true,
        whatChanged: true,
        article: { select: { slug: true, title: true } },
      },
    });
    return rows.map((row) => ({
      slug: row.article.slug,
      title: row.article.title,
      correctedAt: row.correctedAt.toISOString(),
      whatWasWrong: row.whatWasWrong,
      whatChanged: row.whatChanged,
    }));
  },
);

export const listSiteCorrections = (limit = 100) => loadSiteCorrections(limit);
