import 'server-only';
import { diffLines } from 'diff';
import { assertIsAdmin, assertMayEditArticles, type Actor } from './actor';
import { normalizeDeep, splitParagraphs } from './article-text/normalize';
import { defaultSlugFor } from './article-text/parse';
import type { ArticleDocument } from './article-text/document';
import { STANDARD_DISCLAIMER } from './article-text/site-text';
import { articleViewSelect, toArticleView, type ArticleView } from './articles';
import { audit, actorLabel, type AuditAction } from './audit';
import type { ArticleChange } from './cache-tags';
import { toTokyoDateKey, toTokyoIso } from './dates';
import { db } from './db';
import { disclosureFromDb, disclosureToDb } from './disclosure';
import {
  articleInputSchema,
  issuesToFieldErrors,
  parseCiteList,
  publishProblems,
  snapshotText,
  tokyoDateTime,
  type ArticleFormValues,
  type ArticleInput,
  type FieldErrors,
  type SaveIntent,
} from './editorial-input';
import type { Prisma } from './generated/prisma/client';
import { ensureTags } from './tags';
import { citationsIn, sectionCites } from './citations';
import { expireArticleChange } from './revalidate';
import { normalizeForSearch, queryGrams, searchFieldsFor } from './search-text';

/**
 * Every editorial write: validated with zod, checked against the caller, done in one transaction
 * with its revision and audit entry, then the caches of everything it touched are expired.
 */

export type EditorialStatus = 'draft' | 'scheduled' | 'published';
export type DiffLine = { kind: 'added' | 'removed' | 'same'; text: string };

export type SaveResult =
  | { ok: true; id: number; slug: string; version: number; status: EditorialStatus; message: string; change: ArticleChange }
  | { ok: false; message: string; errors: FieldErrors; conflict?: { version: number; updatedBy: string; diff: DiffLine[] } };

export class NotFoundError extends Error {}

const tokyoTime = (date: Date) => toTokyoIso(date).slice(11, 16);

export function blankFormValues(now = new Date()): ArticleFormValues {
  return {
    title: '',
    slug: '',
    datelineDate: toTokyoDateKey(now),
    datelineTime: tokyoTime(now),
    place: '',
    category: 'world',
    tags: '',
    lead: '',
    sections: [{ heading: '', body: '', cites: '' }],
    sources: [],
    disclosure: 'ai-generated',
    kind: 'news',
    noSourcesReason: '',
    disclaimer: STANDARD_DISCLAIMER,
    reviewedBy: '',
    reviewedAt: '',
    modelName: '',
    modelVersion: '',
    promptTemplateVersion: '',
    sourcesRetrievedAt: '',
  };
}

const editSelect = {
  id: true,
  slug: true,
  title: true,
  lead: true,
  status: true,
  publishedAt: true,
  datelinePlace: true,
  disclosure: true,
  kind: true,
  noSourcesReason: true,
  disclaimer: true,
  reviewedBy: true,
  reviewedAt: true,
  modelName: true,
  modelVersion: true,
  promptTemplateVersion: true,
  sourcesRetrievedAt: true,
  version: true,
  deletedAt: true,
  updatedAt: true,
  category: { select: { id: true, slug: true } },
  updatedBy: { select: { name: true, email: true } },
  sections: { orderBy: { position: 'asc' }, select: { heading: true, body: true, cites: true } },
  sources: { orderBy: { position: 'asc' }, select: { title: true, url: true, publisher: true, accessedAt: true } },
  tags: { select: { tag: { select: { name: true, slug: true } } } },
} satisfies Prisma.ArticleSelect;

const tokyoMinute = (date: Date | null) => (date ? toTokyoIso(date).slice(0, 16) : '');

type EditRow = Prisma.ArticleGetPayload<{ select: typeof editSelect }>;

function rowToFormValues(row: EditRow): ArticleFormValues {
  return {
    title: row.title,
    slug: row.slug,
    datelineDate: row.publishedAt ? toTokyoDateKey(row.publishedAt) : '',
    datelineTime: row.publishedAt ? tokyoTime(row.publishedAt) : '',
    place: row.datelinePlace ?? '',
    category: row.category.slug,
    tags: row.tags.map(({ tag }) => tag.name).join(', '),
    lead: row.lead,
    sections: row.sections.map((section) => ({
      heading: section.heading,
      body: section.body,
      // Only the citations the text does not already show as [n] markers.
      cites: section.cites.filter((n) => !citationsIn(section.body).includes(n)).join(', '),
    })),
    sources: row.sources.map((source) => ({
      title: source.title,
      url: source.url,
      publisher: source.publisher ?? '',
      date: source.accessedAt ? source.accessedAt.toISOString().slice(0, 10) : '',
    })),
    disclosure: disclosureFromDb(row.disclosure),
    kind: row.kind,
    noSourcesReason: row.noSourcesReason ?? '',
    disclaimer: row.disclaimer,
    reviewedBy: row.reviewedBy ?? '',
    reviewedAt: tokyoMinute(row.reviewedAt),
    modelName: row.modelName ?? '',
    modelVersion: row.modelVersion ?? '',
    promptTemplateVersion: row.promptTemplateVersion ?? '',
    sourcesRetrievedAt: tokyoMinute(row.sourcesRetrievedAt),
  };
}

/** Stored in revisions: the form's own shape, so a restore fills the form directly. */
function inputToFormValues(input: ArticleInput): ArticleFormValues {
  return {
    ...input,
    place: input.place ?? '',
    tags: input.tags.join(', '),
    sources: input.sources.map((source) => ({ ...source, publisher: source.publisher ?? '', date: source.date ?? '' })),
    reviewedBy: input.reviewedBy ?? '',
    reviewedAt: input.reviewedAt ?? '',
    noSourcesReason: input.noSourcesReason ?? '',
    modelName: input.modelName ?? '',
    modelVersion: input.modelVersion ?? '',
    promptTemplateVersion: input.promptTemplateVersion ?? '',
    sourcesRetrievedAt: input.sourcesRetrievedAt ?? '',
  };
}

export function diffSnapshots(before: ArticleFormValues, after: ArticleFormValues): DiffLine[] {
  return diffLines(snapshotText(before), snapshotText(after)).flatMap((part) =>
    part.value
      .replace(/\n$/, '')
      .split('\n')
      .map((text) => ({ kind: part.added ? 'added' : part.removed ? 'removed' : 'same', text }) as DiffLine),
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
};

export async function getArticleForEdit(actor: Actor, id: number): Promise<EditableArticle | null> {
  assertMayEditArticles(actor);
  const row = await db().article.findUnique({ where: { id }, select: editSelect });
  if (!row) return null;
  return {
    id: row.id,
    version: row.version,
    status: row.status,
    deleted: row.deletedAt !== null,
    updatedAt: row.updatedAt.toISOString(),
    updatedBy: row.updatedBy?.name ?? null,
    values: rowToFormValues(row),
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

class ConflictSignal extends Error {
  constructor(readonly result: SaveResult) {
    super('conflict');
  }
}

export async function saveArticle(
  actor: Actor,
  request: {
    id?: number;
    baseVersion?: number;
    intent: SaveIntent;
    values: ArticleFormValues;
    auditAction?: AuditAction;
    /** The importer's re-import brings a deleted article back. */
    undelete?: boolean;
    /** The importer's first import of an already-published piece: updated_at starts at publication. */
    updatedAtIsPublication?: boolean;
  },
): Promise<SaveResult> {
  assertMayEditArticles(actor);
  const parsed = articleInputSchema.safeParse(normalizeDeep(request.values));
  if (!parsed.success) {
    return { ok: false, message: '入力内容を確認してください', errors: issuesToFieldErrors(parsed.error.issues) };
  }
  const input = parsed.data;
  const publishErrors = publishProblems(input, request.intent);
  if (Object.keys(publishErrors).length > 0) {
    return { ok: false, message: '公開に必要な項目が足りません', errors: publishErrors };
  }
  const status = STATUS_FOR_INTENT[request.intent];
  const publishedAt = tokyoDateTime(input.datelineDate, input.datelineTime);
  const userId = actor.kind === 'user' ? actor.userId : null;

  try {
    const outcome = await db().$transaction(async (tx) => {
      // Lock the row first: concurrent saves of one article queue here, and each sees the last version.
      if (request.id) await tx.$executeRaw`SELECT 1 FROM articles WHERE id = ${request.id} FOR UPDATE`;
      const existing = request.id ? await tx.article.findUnique({ where: { id: request.id }, select: editSelect }) : null;
      if (request.id && !existing) throw new NotFoundError('記事が見つかりません');
      if (existing && existing.version !== request.baseVersion) {
        const base = await tx.articleRevision.findUnique({
          where: { articleId_version: { articleId: existing.id, version: request.baseVersion ?? 0 } },
          select: { snapshot: true },
        });
        throw new ConflictSignal({
          ok: false,
          message: `この記事は保存の間に${existing.updatedBy?.name ?? '別の編集者'}が更新しました（第${existing.version}版）。あなたの変更は保存していません。差分を確認し、ページを読み込み直してから編集してください。`,
          errors: {},
          conflict: {
            version: existing.version,
            updatedBy: existing.updatedBy?.name ?? '不明',
            diff: diffSnapshots((base && snapshotToFormValues(base.snapshot)) ?? inputToFormValues(input), rowToFormValues(existing)),
          },
        });
      }

      const clash = await tx.article.findFirst({ where: { slug: input.slug, NOT: { id: existing?.id ?? -1 } }, select: { id: true } });
      const redirectClash = await tx.slugRedirect.findFirst({
        where: { oldSlug: input.slug, NOT: { articleId: existing?.id ?? -1 } },
        select: { articleId: true },
      });
      if (clash || redirectClash) {
        throw new ConflictSignal({ ok: false, message: '入力内容を確認してください', errors: { slug: 'このスラッグは別の記事で使われています' } });
      }
      const category = await tx.category.findUnique({ where: { slug: input.category }, select: { id: true } });
      if (!category) throw new ConflictSignal({ ok: false, message: '入力内容を確認してください', errors: { category: 'カテゴリを選んでください' } });

      const tags = await ensureTags(tx, input.tags);
      const sections = input.sections.filter((section) => section.heading || section.body);
      const fields = {
        title: input.title,
        slug: input.slug,
        lead: input.lead,
        status,
        publishedAt,
        datelinePlace: input.place,
        categoryId: category.id,
        disclosure: disclosureToDb(input.disclosure || 'ai-generated'),
        kind: input.kind,
        // Kept only while there is no source: a reason for an absence that no longer holds would mislead.
        noSourcesReason: input.sources.length === 0 ? input.noSourcesReason : null,
        disclaimer: input.disclaimer || STANDARD_DISCLAIMER,
        reviewedBy: input.reviewedBy,
        reviewedAt: input.reviewedAt ? new Date(`${input.reviewedAt}:00+09:00`) : null,
        modelName: input.modelName,
        modelVersion: input.modelVersion,
        promptTemplateVersion: input.promptTemplateVersion,
        sourcesRetrievedAt: input.sourcesRetrievedAt ? new Date(`${input.sourcesRetrievedAt}:00+09:00`) : null,
        updatedById: userId,
        ...searchFieldsFor({
          title: input.title,
          lead: input.lead,
          sections: sections.map((section) => ({ heading: section.heading, paragraphs: splitParagraphs(section.body) })),
        }),
      };
      const children = {
        sections: {
          create: sections.map((section, position) => ({
            position,
            heading: section.heading,
            body: section.body,
            cites: sectionCites(section.body, parseCiteList(section.cites), input.sources.length),
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

      let articleId: number;
      let version: number;
      if (existing) {
        // A published article keeps its old URL alive: the old slug redirects to the new one.
        if (existing.slug !== input.slug && existing.status === 'published') {
          await tx.slugRedirect.upsert({
            where: { oldSlug: existing.slug },
            create: { oldSlug: existing.slug, articleId: existing.id },
            update: { articleId: existing.id },
          });
        }
        await tx.slugRedirect.deleteMany({ where: { oldSlug: input.slug } });
        await tx.section.deleteMany({ where: { articleId: existing.id } });
        await tx.source.deleteMany({ where: { articleId: existing.id } });
        await tx.articleTag.deleteMany({ where: { articleId: existing.id } });
        const updated = await tx.article.update({
          where: { id: existing.id },
          data: { ...fields, version: { increment: 1 }, ...(request.undelete ? { deletedAt: null } : {}), ...children },
          select: { id: true, version: true },
        });
        articleId = updated.id;
        version = updated.version;
      } else {
        const backdated = request.updatedAtIsPublication && publishedAt && publishedAt < new Date() ? { updatedAt: publishedAt } : {};
        const created = await tx.article.create({ data: { ...fields, ...backdated, ...children }, select: { id: true, version: true } });
        articleId = created.id;
        version = created.version;
      }

      await tx.articleRevision.create({
        data: {
          articleId,
          version,
          authorId: userId,
          authorLabel: actor.kind === 'user' ? actor.name : actorLabel(actor),
          snapshot: inputToFormValues(input) as unknown as Prisma.InputJsonValue,
        },
      });
      const action: AuditAction =
        request.auditAction ??
        (request.intent === 'publish'
          ? 'article_publish'
          : request.intent === 'schedule'
            ? 'article_schedule'
            : request.intent === 'unpublish'
              ? 'article_unpublish'
              : existing
                ? 'article_edit'
                : 'article_create');
      await audit({ actor, action, targetType: 'article', targetId: articleId, detail: { slug: input.slug, version, status } }, tx);

      const change: ArticleChange = {
        slugs: [...new Set([input.slug, ...(existing ? [existing.slug] : [])])],
        categorySlugs: [...new Set([input.category, ...(existing ? [existing.category.slug] : [])])],
        tagSlugs: [...new Set([...tags.map((tag) => tag.slug), ...(existing?.tags.map(({ tag }) => tag.slug) ?? [])])],
      };
      return { articleId, version, change };
    });
    await expireArticleChange(outcome.change);
    return { ok: true, id: outcome.articleId, slug: input.slug, version: outcome.version, status, message: MESSAGES[request.intent], change: outcome.change };
  } catch (error) {
    if (error instanceof ConflictSignal) return error.result;
    throw error;
  }
}

async function changeOf(tx: Prisma.TransactionClient, id: number): Promise<ArticleChange & { slug: string }> {
  const row = await tx.article.findUniqueOrThrow({
    where: { id },
    select: { slug: true, category: { select: { slug: true } }, tags: { select: { tag: { select: { slug: true } } } }, oldSlugs: { select: { oldSlug: true } } },
  });
  return {
    slug: row.slug,
    slugs: [row.slug, ...row.oldSlugs.map((redirect) => redirect.oldSlug)],
    categorySlugs: [row.category.slug],
    tagSlugs: row.tags.map(({ tag }) => tag.slug),
  };
}

/**
 * A change of state that is not a save (a publication by the scheduler, a delete, a restore) is a
 * version too: it bumps `version` and writes the revision of that version, with who made it, so the
 * history has no holes.
 */
async function writeStateVersion(tx: Prisma.TransactionClient, actor: Actor, articleId: number, data: Prisma.ArticleUpdateInput): Promise<number> {
  const { version } = await tx.article.update({ where: { id: articleId }, data: { ...data, version: { increment: 1 } }, select: { version: true } });
  const row = await tx.article.findUniqueOrThrow({ where: { id: articleId }, select: editSelect });
  await tx.articleRevision.create({
    data: {
      articleId,
      version,
      authorId: actor.kind === 'user' ? actor.userId : null,
      authorLabel: actor.kind === 'user' ? actor.name : actorLabel(actor),
      snapshot: rowToFormValues(row) as unknown as Prisma.InputJsonValue,
    },
  });
  return version;
}

/** Soft delete: gone from every public page and feed; an admin can restore it. */
export async function deleteArticle(actor: Actor, id: number): Promise<void> {
  assertMayEditArticles(actor);
  const change = await db().$transaction(async (tx) => {
    await writeStateVersion(tx, actor, id, { deletedAt: new Date() });
    await audit({ actor, action: 'article_delete', targetType: 'article', targetId: id }, tx);
    return changeOf(tx, id);
  });
  await expireArticleChange(change);
}

export async function restoreArticle(actor: Actor, id: number): Promise<void> {
  assertIsAdmin(actor);
  const change = await db().$transaction(async (tx) => {
    await writeStateVersion(tx, actor, id, { deletedAt: null });
    await audit({ actor, action: 'article_restore', targetType: 'article', targetId: id }, tx);
    return changeOf(tx, id);
  });
  await expireArticleChange(change);
}

// ---- Revisions ----

export type RevisionSummary = { version: number; createdAt: string; author: string };

export async function listRevisions(actor: Actor, articleId: number): Promise<RevisionSummary[]> {
  assertMayEditArticles(actor);
  const rows = await db().articleRevision.findMany({
    where: { articleId },
    orderBy: { version: 'desc' },
    select: { version: true, createdAt: true, authorLabel: true },
  });
  return rows.map((row) => ({ version: row.version, createdAt: row.createdAt.toISOString(), author: row.authorLabel }));
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
  const row = await db().articleRevision.findUnique({ where: { articleId_version: { articleId, version } }, select: { snapshot: true } });
  return row ? snapshotToFormValues(row.snapshot) : null;
}

export async function compareRevisions(actor: Actor, articleId: number, from: number, to: number): Promise<DiffLine[] | null> {
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
  const intent: SaveIntent = current.status === 'published' ? 'publish' : current.status === 'scheduled' ? 'schedule' : 'draft';
  return saveArticle(actor, { id: articleId, baseVersion: current.version, intent, values, auditAction: 'article_revision_restore' });
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
  filter: { status?: EditorialStatus | 'deleted'; category?: string; q?: string; page: number },
): Promise<{ rows: AdminArticleRow[]; total: number; pageCount: number }> {
  assertMayEditArticles(actor);
  const where: Prisma.ArticleWhereInput = {
    ...(filter.status === 'deleted' ? { deletedAt: { not: null } } : { deletedAt: null, ...(filter.status ? { status: filter.status } : {}) }),
    ...(filter.category ? { category: { slug: filter.category } } : {}),
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

// ---- Preview and import ----

/** The article as it will render, whatever its status; for editors only. */
export async function previewArticle(actor: Actor, id: number): Promise<ArticleView | null> {
  assertMayEditArticles(actor);
  const row = await db().article.findUnique({ where: { id }, relationLoadStrategy: 'join', select: articleViewSelect });
  // A draft may have no date yet: preview it as if published now.
  return row ? toArticleView({ ...row, publishedAt: row.publishedAt ?? new Date() }, []) : null;
}

/**
 * An imported document as the editor's form values: the one mapping, for the paste import (which
 * fills the form) and for `npm run import` (which saves it through saveArticle).
 */
export function documentToFormValues(
  document: ArticleDocument,
  { slug, category, place, publishedAt, noSourcesReason }: { slug: string; category: string; place: string | null; publishedAt: Date; noSourcesReason: string | null },
): ArticleFormValues {
  const instant = (iso: string | undefined) => tokyoMinute(iso ? new Date(iso) : null);
  return {
    title: document.title,
    slug,
    datelineDate: toTokyoDateKey(publishedAt),
    datelineTime: tokyoTime(publishedAt),
    place: place ?? '',
    category,
    tags: (document.tags ?? []).join(', '),
    lead: document.lead,
    sections: document.sections.map((section) => ({ heading: section.heading, body: section.paragraphs.join('\n\n'), cites: (section.cites ?? []).join(', ') })),
    sources: document.sources.map((source) => ({ title: source.title, url: source.url, publisher: source.publisher ?? '', date: source.accessedAt ?? '' })),
    disclosure: document.disclosure ?? 'ai-generated',
    kind: document.kind ?? 'news',
    noSourcesReason: noSourcesReason ?? '',
    disclaimer: document.disclaimer ?? STANDARD_DISCLAIMER,
    reviewedBy: document.reviewedBy ?? '',
    reviewedAt: instant(document.reviewedAt),
    modelName: document.generation?.model ?? '',
    modelVersion: document.generation?.modelVersion ?? '',
    promptTemplateVersion: document.generation?.promptTemplateVersion ?? '',
    sourcesRetrievedAt: instant(document.generation?.sourcesRetrievedAt),
  };
}

/** A parsed import as form values, with a free slug. */
export async function formValuesFromDocument(actor: Actor, document: ArticleDocument): Promise<ArticleFormValues> {
  assertMayEditArticles(actor);
  const base = document.slug ?? defaultSlugFor(document);
  let slug = base;
  for (let n = 2; await db().article.findUnique({ where: { slug }, select: { id: true } }); n += 1) slug = `${base}-${n}`;
  return documentToFormValues(document, {
    slug,
    category: document.category ?? 'world',
    place: document.datelinePlace ?? null,
    publishedAt: document.publishedAt ? new Date(document.publishedAt) : new Date(),
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
    const outcome = await db().$transaction(async (tx) => {
      const [due] = await tx.$queryRaw<{ id: number }[]>`
        SELECT id FROM articles
         WHERE status = 'scheduled' AND published_at <= now() AND deleted_at IS NULL
         ORDER BY published_at, id LIMIT 1 FOR UPDATE SKIP LOCKED`;
      if (!due) return null;
      const version = await writeStateVersion(tx, actor, due.id, { status: 'published' });
      const change = await changeOf(tx, due.id);
      await audit({ actor, action: 'article_publish', targetType: 'article', targetId: due.id, detail: { slug: change.slug, version, scheduled: true } }, tx);
      return change;
    });
    if (!outcome) return published;
    await expireArticleChange(outcome);
    published.push(outcome.slug);
  }
}

// ---- Audit log ----

export type AuditRow = { id: number; at: string; actor: string; action: string; target: string | null; detail: string | null };

export async function listAudit(actor: Actor, page: number): Promise<{ rows: AuditRow[]; pageCount: number }> {
  assertMayEditArticles(actor);
  const [total, rows] = await Promise.all([
    db().auditEntry.count(),
    db().auditEntry.findMany({ orderBy: { id: 'desc' }, skip: (page - 1) * 100, take: 100 }),
  ]);
  return {
    pageCount: Math.max(1, Math.ceil(total / 100)),
    rows: rows.map((row) => ({
      id: row.id,
      at: row.at.toISOString(),
      actor: row.actorLabel,
      action: row.action,
      target: row.targetType ? `${row.targetType}:${row.targetId}` : null,
      detail: row.detail === null ? null : JSON.stringify(row.detail),
    })),
  };
}
