import 'server-only';
import { assertMayEditArticles, ForbiddenError, type Actor } from '../auth/actor';
import {
  articleFieldEntries,
  imageSourceFromDb,
  listColumns,
  sectionToForm,
  sourceToForm,
  type StoredArticle,
} from './fields';
import { audit, actorLabel, type AuditAction } from '../auth/audit';
import type { ArticleChange } from '../cache/tags';
import { db } from '../platform/db';
import type { ArticleFormValues, ArticleInput } from './input';
import type { Prisma } from '../generated/prisma/client';
import { expireArticleChange, type AfterCommit } from '../cache/expire';
import { recordArticleEvent } from './outbox';
import { stampImageSources } from '../media/images';
import type { ImageSourceKind } from '../media/renditions';

/**
 * The one writer of articles. The editor's save, the importer, a paste import, a scheduled
 * publication, unpublish, delete, restore, restoring a revision and a correction each describe
 * their change as a step; `writeArticle` runs it in one transaction with everything every write
 * owes the record: the row is locked first, the version moves on, the revision of that version is
 * written from the row as stored (with its actor: an editor, `cli` or `scheduler`), and so is the
 * audit entry. After commit, the caches of everything the change touched, before and after, expire
 * here at once; the database's change feed (lib/cache/change-feed.ts) tells every other instance.
 */

const stateSelect = {
  id: true,
  version: true,
  status: true,
  deletedAt: true,
  updatedAt: true,
  updatedBy: { select: { name: true, email: true } },
} satisfies Prisma.ArticleSelect;

/** The two lists, with every column their item fields read (declared in fields.ts's articleLists). */
const listSelect = {
  sections: { orderBy: { position: 'asc' }, select: listColumns('sections') },
  sources: { orderBy: { position: 'asc' }, select: listColumns('sources') },
} satisfies Prisma.ArticleSelect;

/** The article as the editor sees it: its state, its lists, and what every declared field reads. */
export const editSelect = Object.assign(
  {},
  ...articleFieldEntries.map(([, declaration]) => declaration.stored.select),
  stateSelect,
  listSelect,
) as typeof stateSelect & typeof listSelect;

export type EditRow = Prisma.ArticleGetPayload<{ select: typeof stateSelect & typeof listSelect }> & StoredArticle;

export async function findEditRow(tx: Prisma.TransactionClient, id: number): Promise<EditRow | null> {
  return (await tx.article.findUnique({ where: { id }, select: editSelect })) as EditRow | null;
}

export function rowToFormValues(row: EditRow): ArticleFormValues {
  const scalars = Object.fromEntries(
    articleFieldEntries.map(([name, declaration]) => [name, declaration.stored.read(row)]),
  );
  return {
    ...(scalars as Omit<ArticleFormValues, 'sections' | 'sources'>),
    sections: row.sections.map(sectionToForm),
    sources: row.sources.map(sourceToForm),
  };
}

/** The columns the declared fields write, from a parsed input. Relations are the caller's. */
export function declaredColumns(input: ArticleInput): Record<string, unknown> {
  return Object.assign(
    {},
    ...articleFieldEntries.map(([name, declaration]) => declaration.stored.write?.(input[name] as never, input) ?? {}),
  );
}

/** A step refused its write: the transaction rolls back and the caller answers with `result`. */
export class WriteRefused<T> extends Error {
  constructor(readonly result: T) {
    super('write refused');
  }
}

export class NotFoundError extends Error {}

export type WriteTarget =
  /** An existing article, locked FOR UPDATE before anything is read. */
  | { id: number }
  /** A new article, created by the step. */
  | { create: true }
  /** An article the step claims itself (FOR UPDATE SKIP LOCKED); null when there is none. */
  | { claim: (tx: Prisma.TransactionClient) => Promise<number | null> };

export type StepResult = {
  articleId: number;
  action: AuditAction;
  /** Added to the audit entry's detail beside slug, version and status. */
  detail?: Record<string, string | number | boolean>;
  /** Cache tags beyond the article's own (the site-wide corrections list). */
  alsoExpire?: string[];
  /** The write changed nothing a list shows (a live update): only the article's own page expires. */
  listsUnchanged?: true;
};

export type WriteOutcome = {
  articleId: number;
  slug: string;
  version: number;
  status: 'draft' | 'scheduled' | 'published';
  change: ArticleChange;
  /** What could not follow the commit yet (a cache expiry), in one line; null when all was done. */
  notDone: AfterCommit;
};

async function changeOf(tx: Prisma.TransactionClient, id: number): Promise<ArticleChange> {
  const row = await tx.article.findUniqueOrThrow({
    where: { id },
    select: {
      slug: true,
      status: true,
      deletedAt: true,
      category: { select: { slug: true } },
      tags: { select: { tag: { select: { slug: true } } } },
      oldSlugs: { select: { oldSlug: true } },
    },
  });
  return {
    slugs: [row.slug, ...row.oldSlugs.map((redirect) => redirect.oldSlug)],
    categorySlugs: [row.category.slug],
    tagSlugs: row.tags.map(({ tag }) => tag.slug),
    inLists: row.status === 'published' && row.deletedAt === null,
  };
}

const union = (a: ArticleChange | null, b: ArticleChange): ArticleChange => ({
  slugs: [...new Set([...b.slugs, ...(a?.slugs ?? [])])],
  categorySlugs: [...new Set([...b.categorySlugs, ...(a?.categorySlugs ?? [])])],
  tagSlugs: [...new Set([...b.tagSlugs, ...(a?.tagSlugs ?? [])])],
  inLists: b.inLists || (a?.inLists ?? false),
});

const withLists = (change: ArticleChange, result: StepResult): ArticleChange =>
  result.listsUnchanged ? { ...change, inLists: false } : change;

/**
 * A submission's embargo (docs/decisions/0034): an article a pipeline sent with `embargoUntil` is
 * neither published nor scheduled for a time before it, by anyone, whichever way the write comes
 * (the editor's save, a restore, a republish). Checked here, where every write passes.
 */
async function refuseBeforeEmbargo(tx: Prisma.TransactionClient, articleId: number, after: EditRow): Promise<void> {
  const submission = await tx.submission.findUnique({ where: { articleId }, select: { embargoUntil: true } });
  const embargo = submission?.embargoUntil;
  const publishedAt = (after as { publishedAt?: Date | null }).publishedAt ?? null;
  if (!embargo || (publishedAt !== null && publishedAt >= embargo)) return;
  const until = embargo.toLocaleString('ja-JP', { timeZone: 'Asia/Tokyo' });
  throw new WriteRefused({
    ok: false,
    message: `この記事は ${until} まで公開できません（入稿の解禁日時）。公開日時をそれ以降にして予約公開してください`,
    errors: { datelineDate: `解禁日時（${until}）以降にしてください` },
  });
}

export async function writeArticle(
  actor: Actor,
  target: WriteTarget,
  step: (tx: Prisma.TransactionClient, before: EditRow | null) => Promise<StepResult>,
): Promise<WriteOutcome | null> {
  assertMayEditArticles(actor);
  const written = await db().$transaction(async (tx) => {
    let id: number | null = null;
    if ('id' in target) {
      // Concurrent writes of one article queue here, and each then reads the last version.
      await tx.$executeRaw`SELECT 1 FROM articles WHERE id = ${target.id} FOR UPDATE`;
      id = target.id;
    } else if ('claim' in target) {
      id = await target.claim(tx);
      if (id === null) return null;
    }
    const before = id === null ? null : await findEditRow(tx, id);
    if (id !== null && !before) throw new NotFoundError('記事が見つかりません');
    const touchedBefore = id === null ? null : await changeOf(tx, id);

    const result = await step(tx, before);
    const { version } = before
      ? await tx.article.update({
          where: { id: result.articleId },
          data: { version: { increment: 1 } },
          select: { version: true },
        })
      : await tx.article.findUniqueOrThrow({ where: { id: result.articleId }, select: { version: true } });
    const after = (await findEditRow(tx, result.articleId))!;
    // No integration key can publish (docs/decisions/0030): whatever its step did, it leaves a draft.
    if (actor.kind === 'integration' && after.status !== 'draft')
      throw new ForbiddenError('連携キーでは公開できません');
    if (after.status !== 'draft' && !after.deletedAt) await refuseBeforeEmbargo(tx, result.articleId, after);
    await tx.articleRevision.create({
      data: {
        articleId: result.articleId,
        version,
        action: result.action,
        authorId: actor.kind === 'user' ? actor.userId : null,
        authorLabel: actor.kind === 'user' ? actor.name : actorLabel(actor),
        snapshot: rowToFormValues(after) as unknown as Prisma.InputJsonValue,
        // The state as well as the fields: a later conflict names a change of either (decision 0024).
        status: after.status,
        deleted: after.deletedAt !== null,
      },
    });
    // The editor's answers about figures the sources did not hold, given since the last write,
    // are carried by this revision (docs/decisions/0035).
    await tx.claimDecision.updateMany({
      where: { articleId: result.articleId, revisionVersion: null },
      data: { revisionVersion: version },
    });
    await audit(
      {
        actor,
        action: result.action,
        targetType: 'article',
        targetId: result.articleId,
        detail: { slug: after.slug as string, version, status: after.status, ...result.detail },
      },
      tx,
    );
    await recordArticleEvent(tx, before, { ...after, slug: after.slug as string }, result.action, version);
    return {
      outcome: {
        articleId: result.articleId,
        slug: after.slug as string,
        version,
        status: after.status,
        change: withLists(union(touchedBefore, await changeOf(tx, result.articleId)), result),
      },
      alsoExpire: result.alsoExpire ?? [],
      images: imageUses(after),
    };
  });
  if (!written) return null;
  // Committed: from here on nothing fails the write. What could not be done is said, not thrown.
  const { notDone } = await expireArticleChange(written.outcome.change, written.alsoExpire);
  // The kinds the save gave its images, into their files' XMP where they differ (decision 0036).
  const notStamped = await stampImageSources(written.images);
  return { ...written.outcome, notDone: [notDone, notStamped].filter(Boolean).join('／') || null };
}

/** The images an article names, each with the kind this article gives it. */
function imageUses(row: EditRow): { id: number; source: ImageSourceKind }[] {
  const uses = [
    { id: row.leadImageId as number | null, source: imageSourceFromDb(row.leadImageSource as string | null) },
    ...row.sections.map((section) => ({ id: section.imageId, source: imageSourceFromDb(section.imageSource) })),
  ];
  return uses.flatMap(({ id, source }) => (id !== null && source ? [{ id, source }] : []));
}
