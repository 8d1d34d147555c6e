import 'server-only';
import { assertMayEditArticles, type Actor } from '../auth/actor';
import type { AuditAction } from '../auth/audit';
import { splitParagraphs, normalizeDeep } from '../format/normalize';
import { db } from '../platform/db';
import type { Prisma } from '../generated/prisma/client';
import type { ArticleChange } from '../cache/tags';
import type { AfterCommit } from '../cache/expire';
import { imageSizes } from '../media/images';
import {
  declaredColumns,
  findEditRow,
  rowToFormValues,
  writeArticle,
  WriteRefused,
  type EditRow,
} from '../articles/writer';
import {
  articleInputSchema,
  type ArticleFormValues,
  type ArticleInput,
  type FieldErrors,
  type SaveIntent,
} from '../articles/input';
import { ensureTags } from '../articles/tags';
import { searchFieldsFor } from '../articles/search-text';
import {
  describeStateChange,
  stateChanges,
  stateLabel,
  whenLabel,
  type ArticleState,
  type StateChange,
  type Unpublished,
} from './article-state';
import { diffSnapshots, snapshotToFormValues, type DiffLine } from './revision-diff';
import { formProblems } from './form-problems';
import { childRows } from './article-rows';
import { factsToDecide } from '../articles/claims/decisions';
import { unpublishedBySomeoneElse } from './unpublished';

export { NotFoundError } from '../articles/writer';

/**
 * Saving an article: the form's values validated with zod (every problem at once, ./form-problems.ts),
 * the caller checked, and the change described as a step for the one writer (lib/articles/writer.ts),
 * which adds the revision, the audit entry and the cache expiry. Refused saves say why: a conflict
 * with what changed since the editor's version, someone else's unpublish to confirm, a slug in use.
 */

export type EditorialStatus = 'draft' | 'scheduled' | 'published';

export type SaveResult =
  | {
      ok: true;
      id: number;
      slug: string;
      version: number;
      status: EditorialStatus;
      message: string;
      change: ArticleChange;
      /** What could not follow the commit yet, in one line; the save itself is done. */
      notDone: AfterCommit;
    }
  | {
      ok: false;
      message: string;
      errors: FieldErrors;
      conflict?: {
        version: number;
        updatedBy: string;
        diff: DiffLine[];
        /** The article as the other editor left it, for resolving field by field in the form. */
        theirs: ArticleFormValues;
        /** Its state now, and each change of state since the editor's version (who, when). */
        state: ArticleState;
        stateChanges: StateChange[];
        /** Someone else took it down: publishing it again needs the editor's confirmation. */
        unpublished: Unpublished | null;
      };
      /** Publishing was refused because someone else unpublished it: who and when. */
      republish?: Unpublished;
    };

export type EditableArticle = {
  id: number;
  version: number;
  status: EditorialStatus;
  deleted: boolean;
  updatedAt: string;
  updatedBy: string | null;
  values: ArticleFormValues;
  /** Someone other than the reader took it down: publishing it again asks first. */
  unpublished: Unpublished | null;
};

export async function getArticleForEdit(actor: Actor, id: number): Promise<EditableArticle | null> {
  assertMayEditArticles(actor);
  const row = await findEditRow(db(), id);
  if (!row) return null;
  return {
    id: row.id,
    version: row.version,
    status: row.status,
    deleted: row.deletedAt !== null,
    updatedAt: row.updatedAt.toISOString(),
    updatedBy: row.updatedBy?.name ?? null,
    values: rowToFormValues(row),
    unpublished: await unpublishedBySomeoneElse(db(), row, actor),
  };
}

const STATUS_FOR_INTENT: Record<SaveIntent, EditorialStatus> = {
  draft: 'draft',
  publish: 'published',
  schedule: 'scheduled',
  unpublish: 'draft',
};

const MESSAGES: Record<SaveIntent, string> = {
  draft: '下書きを保存しました',
  publish: '公開しました',
  schedule: '予約公開を設定しました',
  unpublish: '公開を取り消しました',
};

const ACTION_FOR_INTENT: Record<Exclude<SaveIntent, 'draft'>, AuditAction> = {
  publish: 'article_publish',
  schedule: 'article_schedule',
  unpublish: 'article_unpublish',
};

type Refusal = Extract<SaveResult, { ok: false }>;
const refuse = (result: Refusal) => new WriteRefused<Refusal>(result);

type SaveRequest = {
  id?: number;
  baseVersion?: number;
  intent: SaveIntent;
  values: ArticleFormValues;
  auditAction?: AuditAction;
  /** The importer's re-import brings a deleted article back. */
  undelete?: boolean;
  /** The importer's first import of an already-published piece: updated_at starts at publication. */
  updatedAtIsPublication?: boolean;
  /**
   * The version of someone else's unpublish that the editor saw named and confirmed: publishing an
   * article another editor took down is refused without it.
   */
  confirmRepublish?: number;
  /** More to write in the same transaction, once the article is (lib/api/submissions.ts: the submission). */
  alsoInTransaction?: (tx: Prisma.TransactionClient, written: { articleId: number; version: number }) => Promise<void>;
};

const revisionStateSelect = {
  version: true,
  action: true,
  authorLabel: true,
  createdAt: true,
  status: true,
  deleted: true,
} as const;

/**
 * Refuses a save made from an older version, showing what changed since the editor's version:
 * the fields, and first of all the state (unpublished, deleted, scheduled …), by whom and when.
 */
async function refuseIfStale(
  tx: Prisma.TransactionClient,
  existing: EditRow,
  request: SaveRequest,
  actor: Actor,
): Promise<void> {
  if (existing.version === request.baseVersion) return;
  const baseVersion = request.baseVersion ?? 0;
  const [base, revisions] = await Promise.all([
    tx.articleRevision.findUnique({
      where: { articleId_version: { articleId: existing.id, version: baseVersion } },
      select: { snapshot: true },
    }),
    tx.articleRevision.findMany({
      where: { articleId: existing.id, version: { gte: baseVersion } },
      orderBy: { version: 'asc' },
      select: revisionStateSelect,
    }),
  ]);
  const changes = stateChanges(revisions);
  const state = { status: existing.status, deleted: existing.deletedAt !== null };
  const name = existing.updatedBy?.name ?? '別の編集者';
  const said = changes.map((change) => `${describeStateChange(change)}。`).join('');
  const message = state.deleted
    ? `${said || 'この記事は保存の間に削除されました。'}あなたの変更はまだ保存していません。削除された記事は公開できません（管理者が復元できます）。`
    : changes.length > 0
      ? `保存の間に${said}いまの状態は「${stateLabel(state)}」です（第${existing.version}版）。あなたの変更はまだ保存していません。下で項目ごとにどちらを残すか選んでから、もう一度保存してください。`
      : `この記事は保存の間に${name}が更新しました（第${existing.version}版）。あなたの変更はまだ保存していません。下で項目ごとにどちらを残すか選んでから、もう一度保存してください。`;
  throw refuse({
    ok: false,
    message,
    errors: {},
    conflict: {
      version: existing.version,
      updatedBy: existing.updatedBy?.name ?? '不明',
      diff: diffSnapshots((base && snapshotToFormValues(base.snapshot)) ?? request.values, rowToFormValues(existing)),
      theirs: rowToFormValues(existing),
      state,
      stateChanges: changes,
      unpublished: await unpublishedBySomeoneElse(tx, existing, actor),
    },
  });
}

/** Publishing what someone else took down needs the editor's word that they know who and when. */
async function refuseUnconfirmedRepublish(
  tx: Prisma.TransactionClient,
  existing: EditRow,
  request: SaveRequest,
  actor: Actor,
): Promise<void> {
  if (request.intent !== 'publish' && request.intent !== 'schedule') return;
  const unpublished = await unpublishedBySomeoneElse(tx, existing, actor);
  if (!unpublished || request.confirmRepublish === unpublished.version) return;
  throw refuse({
    ok: false,
    message: `${unpublished.by}さんが${whenLabel(unpublished.at)}にこの記事の公開を取り消しました。まだ公開していません。もう一度公開してよいか確かめて、確認の画面で「公開する」を選んでください。`,
    errors: {},
    republish: unpublished,
  });
}

/** Refuses a slug that another article has, or had (its old URL still redirects). */
async function refuseIfSlugTaken(
  tx: Prisma.TransactionClient,
  slug: string,
  articleId: number | undefined,
): Promise<void> {
  const clash = await tx.article.findFirst({ where: { slug, NOT: { id: articleId ?? -1 } }, select: { id: true } });
  const redirectClash = await tx.slugRedirect.findFirst({
    where: { oldSlug: slug, NOT: { articleId: articleId ?? -1 } },
    select: { articleId: true },
  });
  if (clash || redirectClash) {
    throw refuse({
      ok: false,
      message: '入力内容を確認してください',
      errors: { slug: 'このスラッグは別の記事で使われています' },
    });
  }
}

/** The images and the signing editor the input names must exist (an old form, a crafted post). */
async function refuseUnknownReferences(tx: Prisma.TransactionClient, input: ArticleInput): Promise<void> {
  const wanted = [
    ...(input.leadImage === null ? [] : [{ id: input.leadImage, field: 'leadImage' }]),
    ...input.sections.flatMap((section, index) =>
      section.image === null ? [] : [{ id: section.image, field: `sections.${index}.image` }],
    ),
  ];
  const found = await imageSizes(
    tx,
    wanted.map((image) => image.id),
  );
  const errors: FieldErrors = {};
  for (const image of wanted)
    if (!found.has(image.id)) errors[image.field] = 'この画像は見つかりません。選び直してください';
  if (input.editor !== null) {
    const editor = await tx.user.findFirst({
      where: { id: input.editor, profileSlug: { not: null } },
      select: { id: true },
    });
    if (!editor) errors.editor = '署名する編集者を選び直してください（プロフィールのある編集者だけが署名できます）';
  }
  if (Object.keys(errors).length > 0) throw refuse({ ok: false, message: '入力内容を確認してください', errors });
}

/**
 * Publishing (or scheduling) a saved AI article that is not yet live asks the editor about every
 * figure its sources do not hold (docs/decisions/0035); the dialog sends the answers first. This is
 * the same rule on the server, so a form posted without the dialog cannot skip it. Only people are
 * asked: the scheduler publishes what an editor already scheduled.
 */
async function unansweredFigures(actor: Actor, request: SaveRequest, disclosure: string): Promise<Refusal | null> {
  if (!request.id || actor.kind !== 'user') return null;
  if (request.intent !== 'publish' && request.intent !== 'schedule') return null;
  const stored = await db().article.findUnique({ where: { id: request.id }, select: { status: true } });
  if (!stored || stored.status === 'published') return null;
  const asked = await factsToDecide(actor, request.id, disclosure === 'human' ? 'human' : 'ai-generated');
  const open = asked.facts.filter((fact) => !fact.decision);
  if (!asked.required || open.length === 0) return null;
  const listed = open.slice(0, 5).map((fact) => `「${fact.fact}」（${fact.section}）`);
  return {
    ok: false,
    message: `出典に見当たらない数値・日付が${open.length}件あります（${listed.join('、')}${open.length > listed.length ? ' ほか' : ''}）。公開の確認で、それぞれ確認したか、別の資料で確認したかを答えてください`,
    errors: {},
  };
}

export async function saveArticle(actor: Actor, request: SaveRequest): Promise<SaveResult> {
  assertMayEditArticles(actor);
  const values = normalizeDeep(request.values);
  const refusal = formProblems(values, request.intent);
  if (refusal) return refusal;
  const input = articleInputSchema.parse(values);
  const status = STATUS_FOR_INTENT[request.intent];
  const unanswered = await unansweredFigures(actor, request, input.disclosure);
  if (unanswered) return unanswered;

  try {
    const outcome = await writeArticle(
      actor,
      request.id ? { id: request.id } : { create: true },
      async (tx, existing) => {
        if (existing) await refuseIfStale(tx, existing, request, actor);
        // A deleted article is restored first (by an admin, as a draft); publishing it is not a way back.
        if (
          existing?.deletedAt &&
          !request.undelete &&
          (request.intent === 'publish' || request.intent === 'schedule')
        ) {
          throw refuse({
            ok: false,
            message: 'この記事は削除されています。公開するには、管理者が復元してから公開してください',
            errors: {},
          });
        }
        if (existing) await refuseUnconfirmedRepublish(tx, existing, request, actor);

        await refuseIfSlugTaken(tx, input.slug, existing?.id);
        const category = await tx.category.findUnique({ where: { slug: input.category }, select: { id: true } });
        if (!category)
          throw refuse({
            ok: false,
            message: '入力内容を確認してください',
            errors: { category: 'カテゴリを選んでください' },
          });

        await refuseUnknownReferences(tx, input);
        const tags = await ensureTags(tx, input.tags);
        const sections = input.sections.filter((section) => section.heading || section.body);
        const columns = {
          ...declaredColumns(input),
          status,
          categoryId: category.id,
          updatedById: actor.kind === 'user' ? actor.userId : null,
          ...searchFieldsFor({
            title: input.title,
            lead: input.lead,
            sections: sections.map((section) => ({
              heading: section.heading,
              paragraphs: splitParagraphs(section.body),
            })),
          }),
        } as Prisma.ArticleUncheckedCreateInput;
        const children = childRows(input, sections, tags);
        const action =
          request.auditAction ??
          (request.intent === 'draft'
            ? existing
              ? 'article_edit'
              : 'article_create'
            : ACTION_FOR_INTENT[request.intent]);

        if (!existing) {
          const publishedAt = columns.publishedAt as Date | null;
          const backdated =
            request.updatedAtIsPublication && publishedAt && publishedAt < new Date() ? { updatedAt: publishedAt } : {};
          const created = await tx.article.create({
            data: { ...columns, ...backdated, ...children },
            select: { id: true, version: true },
          });
          await request.alsoInTransaction?.(tx, { articleId: created.id, version: created.version });
          return { articleId: created.id, action };
        }
        // A published article keeps its old URL alive: the old slug redirects to the new one.
        if (existing.slug !== input.slug && existing.status === 'published') {
          await tx.slugRedirect.upsert({
            where: { oldSlug: existing.slug as string },
            create: { oldSlug: existing.slug as string, articleId: existing.id },
            update: { articleId: existing.id },
          });
        }
        await tx.slugRedirect.deleteMany({ where: { oldSlug: input.slug } });
        await tx.section.deleteMany({ where: { articleId: existing.id } });
        await tx.source.deleteMany({ where: { articleId: existing.id } });
        await tx.articleTag.deleteMany({ where: { articleId: existing.id } });
        await tx.article.update({
          where: { id: existing.id },
          data: {
            ...(columns as Prisma.ArticleUncheckedUpdateInput),
            ...(request.undelete ? { deletedAt: null } : {}),
            ...children,
          },
        });
        await request.alsoInTransaction?.(tx, { articleId: existing.id, version: existing.version + 1 });
        return { articleId: existing.id, action };
      },
    );
    const written = outcome!;
    return {
      ok: true,
      id: written.articleId,
      slug: written.slug,
      version: written.version,
      status,
      message: MESSAGES[request.intent],
      change: written.change,
      notDone: written.notDone,
    };
  } catch (error) {
    if (error instanceof WriteRefused) return error.result as Refusal;
    throw error;
  }
}
