import 'server-only';
import { assertMayEditArticles, type Actor } from '../auth/actor';
import { db } from '../platform/db';
import { normalizeDeep } from '../format/normalize';
import {
  articleInputSchema,
  imageProblems,
  publishProblems,
  type ArticleFormValues,
  type ArticleInput,
} from '../articles/input';
import { unsupportedFacts } from '../articles/snapshots/store';
import { routes } from '../routes/registry';
import type { Unpublished } from './article-state';
import { basicPublishChecks, type PublishCheck } from './publish-checklist';
import { unpublishedBySomeoneElse } from './unpublished';

/** The pre-publish dialog's list (decision 0024), built on the server for the form as it stands. */

export type PrePublishChecklist =
  /** What the editor is about to publish, and who took it down if that was someone else. */
  | { ok: true; checks: PublishCheck[]; unpublished: Unpublished | null }
  /** The save would be refused anyway: the form sends it, and the refusal lists every problem. */
  | { ok: false };

/**
 * Checks beyond the basic ones, each a module's own: the extension point of the pre-publish
 * dialog. lib/articles/claims (issue #25) adds「出典に見当たらない数字」here when it exists:
 * a function of the parsed input (and the article's id, for its stored source snapshots) that
 * returns one PublishCheck per finding, `tone: 'attention'`.
 */
type PublishCheckSource = (actor: Actor, input: ArticleInput, articleId: number | undefined) => Promise<PublishCheck[]>;
const MORE_PUBLISH_CHECKS: readonly PublishCheckSource[] = [figuresNotInSources];

/**
 * The figures, dates and names of the saved text that its sources' snapshots do not hold
 * (docs/decisions/0028): the checklist names them, so the editor publishes knowing.
 */
async function figuresNotInSources(_actor: Actor, input: ArticleInput, articleId: number | undefined) {
  if (articleId === undefined || input.sources.length === 0) return [];
  const facts = await unsupportedFacts(articleId);
  if (facts.length === 0) return [];
  const listed = facts.slice(0, 8).map((fact) => `「${fact.fact}」（${fact.section}）`);
  return [
    {
      key: 'claims',
      label: '出典で確認できない数値・日付',
      detail: `${facts.length}件：${listed.join('、')}${facts.length > listed.length ? ' ほか' : ''}（保存済みの本文と出典の照合）`,
      tone: 'attention' as const,
    },
  ];
}

export async function prePublishChecklist(
  actor: Actor,
  request: { id?: number; intent: 'publish' | 'schedule'; values: ArticleFormValues },
): Promise<PrePublishChecklist> {
  assertMayEditArticles(actor);
  const parsed = articleInputSchema.safeParse(normalizeDeep(request.values));
  if (!parsed.success) return { ok: false };
  const input = parsed.data;
  if (Object.keys(imageProblems(input)).length > 0 || Object.keys(publishProblems(input, request.intent)).length > 0)
    return { ok: false };
  const [category, article] = await Promise.all([
    db().category.findUnique({ where: { slug: input.category }, select: { name: true } }),
    request.id
      ? db().article.findUnique({ where: { id: request.id }, select: { id: true, status: true, deletedAt: true } })
      : null,
  ]);
  if (!category) return { ok: false };
  const [unpublished, more] = await Promise.all([
    article ? unpublishedBySomeoneElse(db(), article, actor) : null,
    Promise.all(MORE_PUBLISH_CHECKS.map((check) => check(actor, input, request.id))),
  ]);
  return {
    ok: true,
    checks: [
      ...basicPublishChecks(input, {
        intent: request.intent,
        categoryName: category.name,
        url: routes.article.href(input.slug),
      }),
      ...more.flat(),
    ],
    unpublished,
  };
}
