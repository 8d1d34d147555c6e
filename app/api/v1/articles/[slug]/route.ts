import { articleNotFound, readAnswer } from '@/lib/api/articles-answer';
import { readPublishedArticle } from '@/lib/api/articles-read';
import { articlesApiIsPublic } from '@/lib/api/settings';
import { routes } from '@/lib/routes/registry';
import { apiHandler } from '@/lib/server/guard';

/** One published article by its slug (docs/decisions/0034); a draft is 404, as if it did not exist. */
export const GET = apiHandler(
  'apiArticle',
  async (request, _actor, context: { params: Promise<{ slug: string }> }) => {
    const parsed = routes.apiArticle.params.safeParse(await context.params);
    const article = parsed.success ? await readPublishedArticle(parsed.data.slug) : null;
    return article ? readAnswer(request, article) : articleNotFound();
  },
  { openWhen: articlesApiIsPublic },
);
