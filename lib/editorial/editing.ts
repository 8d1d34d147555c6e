import 'server-only';
import { diffLines } from 'diff';
import { withWordParts, type DiffLine } from './word-diff';
import { assertIsAdmin, assertMayEditArticles, type Actor } from '../auth/actor';
import { articleFieldEntries, articleLists, imageSourceToDb, type ImportContext } from '../articles/fields';
import { imageSizes } from '../media/images';
import { normalizeDeep, splitParagraphs } from '../format/normalize';
import { defaultSlugFor } from '../articles/text/parse';
import type { ArticleDocument } from '../articles/text/document';
import { articleViewSelect, toArticleView, type ArticleViewRow } from '../articles/public';
import { getArticleTexts } from '../articles/site-settings';
import type { ArticleView } from '../articles/views';
import {
  declaredColumns,
  findEditRow,
  rowToFormValues,
  writeArticle,
  WriteRefused,
  type EditRow,
} from '../articles/writer';
import { AUDIT_ACTION_LABELS, type AuditAction } from '../auth/audit';
import {
  describeStateChange,
  stateChanges,
  stateLabel,
  whenLabel,
  type ArticleState,
  type StateChange,
  type Unpublished,
} from './article-state';
import type { ArticleChange } from '../cache/tags';
import type { AfterCommit } from '../cache/expire';
import { db } from '../platform/db';
import {
  articleInputSchema,
  blankFormValues,
  imageProblems,
  issuesToFieldErrors,
  parseCiteList,
  publishProblems,
  snapshotText,
  type ArticleFormValues,
  type ArticleInput,
  type FieldErrors,
  type SaveIntent,
} from '../articles/input';
import type { Prisma } from '../generated/prisma/client';
import { basicPublishChecks, type PublishCheck } from './publish-checklist';
import { routes } from '../routes/registry';
import { unsupportedFacts } from '../articles/snapshots/store';
import { ensureTags } from '../articles/tags';
import { sectionCites } from '../articles/citations';
import { normalizeForSearch, queryGrams, searchFieldsFor } from '../articles/search-text';

export { NotFoundError } from '../articles/writer';

/**
 * Editorial operations: each validates with zod, checks the caller, and describes its change as a
 * step for the one writer (lib/articles/writer.ts), which adds the revision, the audit entry and
 * the cache expiry.
 */

export type EditorialStatus = 'draft' | 'scheduled' | 'published';
export type { DiffLine };

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

/** Line by line, with the changed words of each changed line marked (./word-diff.ts). */
export function diffSnapshots(before: ArticleFormValues, after: ArticleFormValues): DiffLine[] {
  return withWordParts(
    diffLines(snapshotText(before), snapshotText(after)).flatMap((part) =>
      part.value
        .replace(/\n$/, '')
        .split('\n')
        .map((text) => ({ kind: part.added ? 'added' : part.removed ? 'removed' : 'same', text }) as DiffLine),
    ),
  );
}

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
 * The last time someone other than `actor` took the article down, while it is still down: a
 * publish must then be confirmed by an editor who was told who did it and when.
 */
async function unpublishedBySomeoneElse(
  tx: Prisma.TransactionClient,
  article: { id: number; status: EditorialStatus; deletedAt: Date | null },
  actor: Actor,
): Promise<Unpublished | null> {
  // The scheduler and the command line act on an editor's instruction; the rule is for editors.
  if (actor.kind !== 'user' || article.status !== 'draft' || article.deletedAt) return null;
  const last = await tx.articleRevision.findFirst({
    where: { articleId: article.id, action: 'article_unpublish' },
    orderBy: { version: 'desc' },
    select: { version: true, authorId: true, authorLabel: true, createdAt: true },
  });
  if (!last || last.authorId === actor.userId) return null;
  return { version: last.version, by: last.authorLabel, at: last.createdAt.toISOString() };
}

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

/** The rows an article's sections, sources and tags are stored in. */
function childRows(input: ArticleInput, sections: ArticleInput['sections'], tags: { id: number }[]) {
  return {
    sections: {
      create: sections.map((section, position) => ({
        position,
        heading: section.heading,
        body: section.body,
        cites: sectionCites(section.body, parseCiteList(section.cites), input.sources.length),
        imageId: section.image,
        imageAlt: section.image === null ? null : section.imageAlt,
        imageCaption: section.image === null ? null : section.imageCaption,
        imageCredit: section.image === null ? null : section.imageCredit,
        imageSource: section.image === null ? null : imageSourceToDb(section.imageSource),
      })),
    },
    sources: {
      create: input.sources.map((source, position) => ({
        position,
        title: source.title,
        url: source.url,
        publisher: source.publisher,
        accessedAt: source.date ? new Date(`${source.date}T00:00:00Z`) : null,
      })),
    },
    tags: { create: tags.map((tag) => ({ tagId: tag.id })) },
  };
}

/** `values` with the text at each of `paths` (`title`, `sections.0.heading`) replaced by `stand-in`. */
function replacedAt(values: ArticleFormValues, paths: string[], standIn: string): ArticleFormValues {
  const copy = structuredClone(values) as unknown as Record<string, unknown>;
  for (const path of paths) {
    const keys = path.split('.');
    let at: unknown = copy;
    for (const key of keys.slice(0, -1)) at = (at as Record<string, unknown> | undefined)?.[key];
    const last = keys.at(-1)!;
    if (at && typeof at === 'object' && typeof (at as Record<string, unknown>)[last] === 'string')
      (at as Record<string, unknown>)[last] = standIn;
  }
  return copy as unknown as ArticleFormValues;
}

/**
 * Stand-ins for the fields the schema refused, tried in turn (a word, then blank, then a URL),
 * only so that the checks that need a parsed article can run; they are never saved.
 */
const STAND_INS = ['a', '', 'https://example.invalid/'];

/** The form parsed with stand-ins for the refused fields, for the other checks; null if none fits. */
function parsedWithStandIns(values: ArticleFormValues, refused: string[]): ArticleInput | null {
  let current = values;
  let failing = refused;
  for (const standIn of STAND_INS) {
    current = replacedAt(current, failing, standIn);
    const parsed = articleInputSchema.safeParse(current);
    if (parsed.success) return parsed.data;
    failing = Object.keys(issuesToFieldErrors(parsed.error.issues));
  }
  return null;
}

/**
 * Every problem of a form at once, not in stages: the schema's, and those the checks after it
 * (image descriptions, what publishing needs) find, run on the form with stand-ins for the fields
 * the schema refused; a refused field's own problem is the schema's.
 */
function formProblems(values: ArticleFormValues, intent: SaveIntent): Refusal | null {
  const parsed = articleInputSchema.safeParse(values);
  const schemaErrors = parsed.success ? {} : issuesToFieldErrors(parsed.error.issues);
  const input = parsed.success ? parsed.data : parsedWithStandIns(values, Object.keys(schemaErrors));
  const imageErrors = input ? imageProblems(input) : {};
  const publishErrors = input ? publishProblems(input, intent) : {};
  const errors: FieldErrors = { ...imageErrors, ...publishErrors, ...schemaErrors };
  const problems = Object.values(errors);
  if (problems.length === 0) return null;
  // One problem is named in the message itself (a schedule time in the past says so); several are listed by field.
  const message = !parsed.success
    ? '入力内容を確認してください'
    : problems.length === 1
      ? problems[0]!
      : Object.keys(publishErrors).length === 0
        ? '画像の説明が足りません'
        : Object.keys(imageErrors).length === 0
          ? '公開に必要な項目が足りません'
          : '入力内容を確認してください';
  return { ok: false, message, errors };
}

export async function saveArticle(actor: Actor, request: SaveRequest): Promise<SaveResult> {
  assertMayEditArticles(actor);
  const values = normalizeDeep(request.values);
  const refusal = formProblems(values, request.intent);
  if (refusal) return refusal;
  const input = articleInputSchema.parse(values);
  const status = STATUS_FOR_INTENT[request.intent];

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

/** Soft delete: gone from every public page and feed; an admin can restore it. */
export async function deleteArticle(actor: Actor, id: number): Promise<void> {
  assertMayEditArticles(actor);
  await writeArticle(actor, { id }, async (tx) => {
    await tx.article.update({ where: { id }, data: { deletedAt: new Date() } });
    return { articleId: id, action: 'article_delete' };
  });
}

/**
 * Brings a deleted article back as a draft, never live: whoever deleted it had a reason, and
 * putting it back in front of readers is a decision of its own (publish it from the editor).
 */
export async function restoreArticle(actor: Actor, id: number): Promise<void> {
  assertIsAdmin(actor);
  await writeArticle(actor, { id }, async (tx) => {
    await tx.article.update({ where: { id }, data: { deletedAt: null, status: 'draft' } });
    return { articleId: id, action: 'article_restore' };
  });
}

// ---- Revisions ----

export type RevisionSummary = {
  version: number;
  createdAt: string;
  author: string;
  action: string | null;
  /** Made by a published correction: restoring anything older brings the error back. */
  corrects: boolean;
};

export async function listRevisions(actor: Actor, articleId: number): Promise<RevisionSummary[]> {
  assertMayEditArticles(actor);
  const rows = await db().articleRevision.findMany({
    where: { articleId },
    orderBy: { version: 'desc' },
    select: { version: true, createdAt: true, authorLabel: true, action: true },
  });
  return rows.map((row) => ({
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    author: row.authorLabel,
    action: row.action ? (AUDIT_ACTION_LABELS[row.action as AuditAction] ?? row.action) : null,
    corrects: row.action === 'article_correct',
  }));
}

/**
 * A revision's snapshot, read back through the form's schema rather than cast: a snapshot from
 * before a field existed gets that field's blank value, and one that no longer parses is refused.
 */
export function snapshotToFormValues(snapshot: unknown): ArticleFormValues | null {
  if (snapshot === null || typeof snapshot !== 'object' || Array.isArray(snapshot)) return null;
  const values = { ...blankFormValues(), ...(snapshot as Partial<ArticleFormValues>) };
  return articleInputSchema.safeParse(values).success ? values : null;
}

async function revisionValues(articleId: number, version: number): Promise<ArticleFormValues | null> {
  const row = await db().articleRevision.findUnique({
    where: { articleId_version: { articleId, version } },
    select: { snapshot: true },
  });
  return row ? snapshotToFormValues(row.snapshot) : null;
}

export async function compareRevisions(
  actor: Actor,
  articleId: number,
  from: number,
  to: number,
): Promise<DiffLine[] | null> {
  assertMayEditArticles(actor);
  const [before, after] = await Promise.all([revisionValues(articleId, from), revisionValues(articleId, to)]);
  return before && after ? diffSnapshots(before, after) : null;
}

/** Restoring is itself a save: a new revision with the old content, status unchanged. */
export async function restoreRevision(actor: Actor, articleId: number, version: number): Promise<SaveResult> {
  assertMayEditArticles(actor);
  const values = await revisionValues(articleId, version);
  const current = await db().article.findUnique({ where: { id: articleId }, select: { version: true, status: true } });
  if (!values || !current) return { ok: false, message: '版が見つかりません', errors: {} };
  const intent: SaveIntent =
    current.status === 'published' ? 'publish' : current.status === 'scheduled' ? 'schedule' : 'draft';
  return saveArticle(actor, {
    id: articleId,
    baseVersion: current.version,
    intent,
    values,
    auditAction: 'article_revision_restore',
  });
}

/**
 * Undoing an unpublish: the article as it stands, published again through the one writer (its
 * publication date is kept, so it returns to where it was in every list).
 */
export async function republishArticle(actor: Actor, articleId: number): Promise<SaveResult> {
  assertMayEditArticles(actor);
  const current = await getArticleForEdit(actor, articleId);
  if (!current || current.deleted) return { ok: false, message: '記事が見つかりません', errors: {} };
  return saveArticle(actor, { id: articleId, baseVersion: current.version, intent: 'publish', values: current.values });
}

// ---- Before publishing ----

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

// ---- Lists for the dashboard ----

export type AdminArticleRow = {
  id: number;
  slug: string;
  title: string;
  status: EditorialStatus;
  deleted: boolean;
  category: string;
  updatedAt: string;
  publishedAt: string | null;
  updatedBy: string | null;
};

export const ADMIN_PAGE_SIZE = 50;

export async function listArticlesForAdmin(
  actor: Actor,
  filter: { status?: EditorialStatus | 'deleted'; category?: string; author?: string; q?: string; page: number },
): Promise<{ rows: AdminArticleRow[]; total: number; pageCount: number }> {
  assertMayEditArticles(actor);
  const where: Prisma.ArticleWhereInput = {
    ...(filter.status === 'deleted'
      ? { deletedAt: { not: null } }
      : { deletedAt: null, ...(filter.status ? { status: filter.status } : {}) }),
    ...(filter.category ? { category: { slug: filter.category } } : {}),
    // An editor's articles: the ones they sign, and the ones they last saved.
    ...(filter.author ? { OR: [{ editorId: filter.author }, { updatedById: filter.author }] } : {}),
  };
  const words = filter.q ? normalizeForSearch(filter.q).split(' ').filter(Boolean).slice(0, 8) : [];
  if (words.length > 0) {
    // The title's own bigram index narrows the rows; the title must then contain every word.
    where.titleBigrams = { hasEvery: [...new Set(words.flatMap(queryGrams))] };
    where.AND = words.map((word) => ({ title: { contains: word, mode: 'insensitive' as const } }));
  }
  const [total, rows] = await Promise.all([
    db().article.count({ where }),
    db().article.findMany({
      where,
      orderBy: [{ updatedAt: 'desc' }, { id: 'desc' }],
      skip: (filter.page - 1) * ADMIN_PAGE_SIZE,
      take: ADMIN_PAGE_SIZE,
      select: {
        id: true,
        slug: true,
        title: true,
        status: true,
        deletedAt: true,
        updatedAt: true,
        publishedAt: true,
        category: { select: { name: true } },
        updatedBy: { select: { name: true } },
      },
    }),
  ]);
  return {
    total,
    pageCount: Math.max(1, Math.ceil(total / ADMIN_PAGE_SIZE)),
    rows: rows.map((row) => ({
      id: row.id,
      slug: row.slug,
      title: row.title,
      status: row.status,
      deleted: row.deletedAt !== null,
      category: row.category.name,
      updatedAt: row.updatedAt.toISOString(),
      publishedAt: row.publishedAt?.toISOString() ?? null,
      updatedBy: row.updatedBy?.name ?? null,
    })),
  };
}

/** Everyone who can write articles, for the article list's author filter. */
export async function listArticleAuthors(actor: Actor): Promise<{ id: string; name: string }[]> {
  assertMayEditArticles(actor);
  return db().user.findMany({
    where: { role: { in: ['admin', 'editor'] } },
    orderBy: { name: 'asc' },
    select: { id: true, name: true },
  });
}

// ---- Preview and import ----

/**
 * The form as readers would see it, before anything is saved: the same validation as a save and
 * the same view as the public page (toArticleView), built from the typed values; nothing written.
 */
export async function previewUnsaved(
  actor: Actor,
  formValues: ArticleFormValues,
): Promise<{ ok: true; article: ArticleView } | { ok: false; message: string }> {
  assertMayEditArticles(actor);
  const parsed = articleInputSchema.safeParse(normalizeDeep(formValues));
  if (!parsed.success) return { ok: false, message: parsed.error.issues[0]!.message };
  const input = parsed.data;
  const columns = declaredColumns(input);
  const imageIds = [input.leadImage, ...input.sections.map((section) => section.image)].filter(
    (id): id is number => id !== null,
  );
  const [category, editor, sizes] = await Promise.all([
    db().category.findUnique({ where: { slug: input.category }, select: { id: true, slug: true, name: true } }),
    input.editor
      ? db().user.findUnique({ where: { id: input.editor }, select: { name: true, profileSlug: true, jobTitle: true } })
      : null,
    imageSizes(db(), imageIds),
  ]);
  const image = (id: number | null) => (id !== null && sizes.has(id) ? { id, ...sizes.get(id)! } : null);
  const children = childRows(
    input,
    input.sections.filter((section) => section.heading || section.body),
    [],
  );
  const row = {
    ...columns,
    id: 0,
    version: 0,
    updatedAt: new Date(),
    publishedAt: (columns.publishedAt as Date | null) ?? new Date(),
    categoryId: category?.id ?? 0,
    category: category ? { slug: category.slug, name: category.name } : { slug: input.category, name: input.category },
    leadImage: image(input.leadImage),
    editor,
    corrections: [],
    // The rows a save would write, with each section's image as the page reads it.
    sections: children.sections.create.map(({ imageId, ...section }) => ({ ...section, image: image(imageId) })),
    sources: children.sources.create,
    tags: input.tags.map((name) => ({ tagId: 0, tag: { slug: name, name } })),
  } as unknown as ArticleViewRow;
  return { ok: true, article: toArticleView(row, []) };
}

/** The article as it will render, whatever its status; for editors only. */
export async function previewArticle(actor: Actor, id: number): Promise<ArticleView | null> {
  assertMayEditArticles(actor);
  const row = await db().article.findUnique({ where: { id }, relationLoadStrategy: 'join', select: articleViewSelect });
  if (!row) return null;
  const texts = await getArticleTexts();
  // A draft may have no date yet: preview it as if published now.
  return toArticleView({ ...row, publishedAt: row.publishedAt ?? new Date() }, [], {
    checked: texts['claims-checked'],
    unchecked: texts['claims-unchecked'],
  });
}

/**
 * An imported document as the editor's form values: the one mapping, for the paste import (which
 * fills the form) and for `npm run import` (which saves it through saveArticle). Each declared
 * field says what the importer sets it from; a field that says nothing gets its blank value.
 */
export function documentToFormValues(document: ArticleDocument, context: ImportContext): ArticleFormValues {
  const blank = blankFormValues(context.publishedAt);
  const scalars = Object.fromEntries(
    articleFieldEntries.map(([name, declaration]) => [
      name,
      declaration.fromDocument?.(document, context) ?? blank[name],
    ]),
  );
  return {
    ...(scalars as Omit<ArticleFormValues, 'sections' | 'sources'>),
    sections: document.sections.map((section) => ({
      ...articleLists.sections.blankItem(),
      heading: section.heading,
      body: section.paragraphs.join('\n\n'),
      cites: (section.cites ?? []).join(', '),
    })),
    sources: document.sources.map((source) => ({
      title: source.title,
      url: source.url,
      publisher: source.publisher ?? '',
      date: source.accessedAt ?? '',
    })),
  };
}

/** A parsed import as form values, with a free slug. */
export async function formValuesFromDocument(actor: Actor, document: ArticleDocument): Promise<ArticleFormValues> {
  assertMayEditArticles(actor);
  const base = document.slug ?? defaultSlugFor(document);
  let slug = base;
  for (let n = 2; await db().article.findUnique({ where: { slug }, select: { id: true } }); n += 1)
    slug = `${base}-${n}`;
  return documentToFormValues(document, {
    slug,
    category: document.category ?? 'world',
    place: document.datelinePlace ?? null,
    publishedAt: document.publishedAt ? new Date(document.publishedAt) : new Date(),
    demo: false,
    noSourcesReason: document.noSourcesReason ?? null,
  });
}

// ---- Scheduling ----

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

// ---- Audit log ----
