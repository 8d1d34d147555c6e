import 'server-only';
import { assertMayEditArticles, type Actor } from '../auth/actor';
import { writeArticle } from '../articles/writer';

/**
 * Publishes every scheduled article whose time has come, each in one transaction with its revision
 * and audit entry. Rows are claimed with FOR UPDATE SKIP LOCKED: instances ticking at once never
 * take the same article, and a published row no longer matches, so each publication fires once.
 */
export async function publishDueArticles(actor: Actor): Promise<string[]> {
  assertMayEditArticles(actor);
  const published: string[] = [];
  for (;;) {
    const outcome = await writeArticle(
      actor,
      {
        claim: async (tx) => {
          const [due] = await tx.$queryRaw<{ id: number }[]>`
            SELECT id FROM articles
             WHERE status = 'scheduled' AND published_at <= now() AND deleted_at IS NULL
             ORDER BY published_at, id LIMIT 1 FOR UPDATE SKIP LOCKED`;
          return due?.id ?? null;
        },
      },
      async (tx, before) => {
        await tx.article.update({ where: { id: before!.id }, data: { status: 'published' } });
        return { articleId: before!.id, action: 'article_publish', detail: { scheduled: true } };
      },
    );
    if (!outcome) return published;
    published.push(outcome.slug);
  }
}
