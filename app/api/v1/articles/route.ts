import { readAnswer, readProblem } from '@/lib/api/articles-answer';
import { articleListQuerySchema, listPublishedArticles } from '@/lib/api/articles-read';
import { pointerOf, problemDocument } from '@/lib/api/problem';
import { articlesApiIsPublic } from '@/lib/api/settings';
import { apiHandler } from '@/lib/server/guard';

/** Published articles, newest update first, a page at a time (docs/decisions/0034). */
export const GET = apiHandler(
  'apiArticles',
  async (request) => {
    const query = articleListQuerySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
    const problem = (errors: { parameter: string; detail: string; detailEn: string }[]) =>
      readProblem(
        problemDocument(
          400,
          'invalid-query',
          { ja: 'クエリパラメータに問題があります', en: 'A query parameter is not valid' },
          { errors },
        ),
      );
    if (!query.success) {
      return problem(
        query.error.issues.map((issue) => ({
          parameter: issue.code === 'unrecognized_keys' ? issue.keys[0]! : pointerOf(issue.path).slice(1) || 'query',
          detail: '値が正しくありません',
          detailEn: issue.message,
        })),
      );
    }
    const page = await listPublishedArticles(query.data);
    if (!page) {
      return problem([
        { parameter: 'cursor', detail: 'この API が返したカーソルではありません', detailEn: 'Unknown cursor' },
      ]);
    }
    return readAnswer(request, page);
  },
  { openWhen: articlesApiIsPublic },
);
