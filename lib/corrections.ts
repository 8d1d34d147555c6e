import 'server-only';
import { normalizeDeep } from './article-text/normalize';
import { cached } from './data-cache';
import { z } from 'zod';
import { assertMayEditArticles, type Actor } from './actor';
import { publicArticleWhere } from './articles';
import { audit, actorLabel } from './audit';
import { cacheTags } from './cache-tags';
import { db } from './db';
import { expireArticleChange, expireTags } from './revalidate';

/** Corrections to published articles: recorded, shown on the article, listed site-wide. */

export const correctionInputSchema = z.object({
  whatWasWrong: z.string().trim().min(1, '誤っていた内容を入力してください').max(1000),
  whatChanged: z.string().trim().min(1, '訂正した内容を入力してください').max(1000),
  beforeText: z.string().trim().max(5000).transform((value) => value || null),
  afterText: z.string().trim().max(5000).transform((value) => value || null),
});

export type CorrectionResult = { ok: true } | { ok: false; message: string };

export async function addCorrection(actor: Actor, articleId: number, raw: z.input<typeof correctionInputSchema>): Promise<CorrectionResult> {
  assertMayEditArticles(actor);
  const parsed = correctionInputSchema.safeParse(normalizeDeep(raw));
  if (!parsed.success) return { ok: false, message: parsed.error.issues[0]!.message };
  const change = await db().$transaction(async (tx) => {
    const article = await tx.article.findUnique({
      where: { id: articleId },
      select: { slug: true, status: true, deletedAt: true, category: { select: { slug: true } }, tags: { select: { tag: { select: { slug: true } } } } },
    });
    if (!article || article.status !== 'published' || article.deletedAt) return null;
    const now = new Date();
    await tx.correction.create({
      data: { articleId, correctedAt: now, ...parsed.data, authorLabel: actor.kind === 'user' ? actor.name : actorLabel(actor) },
    });
    // A correction is a modification: dateModified moves with it.
    await tx.article.update({ where: { id: articleId }, data: { updatedAt: now } });
    await audit({ actor, action: 'article_correct', targetType: 'article', targetId: articleId, detail: { whatWasWrong: parsed.data.whatWasWrong } }, tx);
    return { slugs: [article.slug], categorySlugs: [article.category.slug], tagSlugs: article.tags.map(({ tag }) => tag.slug) };
  });
  if (!change) return { ok: false, message: '訂正は公開中の記事にだけ追加できます' };
  await expireArticleChange(change);
  await expireTags([cacheTags.corrections]);
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
        select: { correctedAt: true, whatWasWrong: true, whatChanged: true, article: { select: { slug: true, title: true } } },
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
