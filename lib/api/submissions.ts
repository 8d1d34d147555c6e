import 'server-only';
import { createHash } from 'node:crypto';
import { defaultSlugFor } from '../articles/text/parse';
import { findEditRow, rowToFormValues } from '../articles/writer';
import { recordEvent } from '../articles/outbox';
import { summarize, type ClaimSummary } from '../articles/claims/check';
import { claimsAsJson, type ClaimJson } from '../articles/claims/report';
import { checkArticle } from '../articles/snapshots/store';
import { saveArticle } from '../editorial/save';
import { diffSnapshots, snapshotToFormValues, type DiffLine } from '../editorial/revision-diff';
import { documentToFormValues } from '../editorial/import-mapping';
import { db } from '../platform/db';
import { siteUrl } from '../platform/config';
import { Prisma } from '../generated/prisma/client';
import { routes } from '../routes/registry';
import type { KeyActor } from './keys';
import { problemDocument, type ProblemDocument, type ProblemItem } from './problem';
import { readSubmission, type SubmissionDocument } from './submission-input';
import { resolveImages } from './media';

/**
 * The AI desk's submissions (docs/decisions/0030). A pipeline's article becomes a draft through the
 * one writer (revision, audit entry, change feed), by the integration as actor, never published: the
 * writer refuses any other outcome for a key. The submission row, and the answer remembered for an
 * Idempotency-Key, are written in the writer's own transaction, so a refusal writes nothing at all.
 */

export type ApiAnswer = {
  status: number;
  body: ProblemDocument | Record<string, unknown>;
  headers: Record<string, string>;
};

/** An answer as the HTTP response: problem documents as application/problem+json, never stored. */
export function answer({ status, body, headers }: ApiAnswer): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: {
      'Content-Type': status >= 400 ? 'application/problem+json; charset=utf-8' : 'application/json; charset=utf-8',
      'Cache-Control': 'no-store',
      ...headers,
    },
  });
}

export const REVIEW_STATES = ['received', 'in_review', 'changes_requested', 'approved', 'rejected'] as const;
export type ReviewState = (typeof REVIEW_STATES)[number];
export type SubmissionState =
  | ReviewState
  | 'scheduled'
  | 'published'
  | 'corrected'
  /** Unpublished, or deleted, after it was published. */
  | 'withdrawn';

/** Labels for the dashboard. */
export const SUBMISSION_STATE_LABELS: Record<SubmissionState, string> = {
  received: '受付',
  in_review: '確認中',
  changes_requested: '修正依頼中',
  approved: '承認済み',
  rejected: '却下',
  scheduled: '予約公開',
  published: '公開',
  corrected: '訂正あり',
  withdrawn: '取り下げ',
};

/** The state a pipeline sees: the editors' decision until the article itself moves on. */
export function submissionState(
  reviewState: ReviewState,
  article: {
    status: 'draft' | 'scheduled' | 'published';
    deletedAt: Date | null;
    corrections: number;
    everPublished: boolean;
  },
): SubmissionState {
  if (article.deletedAt || (article.status === 'draft' && article.everPublished)) return 'withdrawn';
  if (article.status === 'published') return article.corrections > 0 ? 'corrected' : 'published';
  if (article.status === 'scheduled') return 'scheduled';
  return reviewState;
}

export const problemAnswer = (problem: ProblemDocument, headers: Record<string, string> = {}): ApiAnswer => ({
  status: problem.status,
  body: problem,
  headers,
});

const invalid = (errors: ProblemItem[]) =>
  problemAnswer(
    problemDocument(
      422,
      'invalid-submission',
      { ja: '入稿の内容に問題があります', en: 'The submission is not valid' },
      { errors },
    ),
  );

/** Where the form's field errors point in the submitted document. */
function pointerOfField(field: string): string {
  const parts = field.split('.');
  if (parts[0] === 'sections' && parts[2] === 'body') return `/sections/${parts[1]}/paragraphs`;
  if (parts[0] === 'sources' && parts[2] === 'date') return `/sources/${parts[1]}/accessedAt`;
  return `/${parts.join('/')}`;
}

const needsSourcesOrReason = (document: SubmissionDocument) =>
  (document.disclosure ?? 'ai-generated') !== 'human' && document.sources.length === 0 && !document.noSourcesReason;

type SubmitRequest = {
  contentType: string | null;
  body: Uint8Array;
  query: URLSearchParams;
  idempotencyKey: string | null;
};

/**
 * A request's Idempotency-Key, checked, and the hash of what it asks (type, query and body), or the
 * problem with the header. The same key with the same request replays its answer (`remembered`).
 */
export function idempotencyOf(request: {
  idempotencyKey: string | null;
  contentType: string | null;
  query: URLSearchParams;
  body: Uint8Array;
}): { key: string | null; requestHash: string } | { problem: ApiAnswer } {
  const key = request.idempotencyKey?.trim() || null;
  if (key !== null && !/^[\x21-\x7e]{1,200}$/.test(key)) {
    return {
      problem: problemAnswer(
        problemDocument(
          400,
          'invalid-idempotency-key',
          {
            ja: 'Idempotency-Key は 200 文字以内の ASCII にしてください',
            en: 'Idempotency-Key must be at most 200 ASCII characters',
          },
          {
            errors: [{ parameter: 'Idempotency-Key', detail: '形式が正しくありません', detailEn: 'Malformed header' }],
          },
        ),
      ),
    };
  }
  const requestHash = createHash('sha256')
    .update(`${request.contentType ?? ''}\n${request.query.toString()}\n`)
    .update(request.body)
    .digest('hex');
  return { key, requestHash };
}

export async function submit(actor: KeyActor, request: SubmitRequest): Promise<ApiAnswer> {
  const idempotency = idempotencyOf(request);
  if ('problem' in idempotency) return idempotency.problem;
  const { key: idempotencyKey, requestHash } = idempotency;
  const replay = idempotencyKey === null ? null : await remembered(actor, idempotencyKey, requestHash);
  if (replay) return replay;

  const read = readSubmission(request.contentType, request.body, request.query);
  if (!read.ok) return problemAnswer(read.problem);
  const document = read.document;
  if ((document.source === undefined) !== (document.externalId === undefined)) {
    const missing = document.source === undefined ? 'source' : 'externalId';
    return invalid([
      {
        pointer: `/${missing}`,
        detail: 'source と externalId は両方を送るか、両方とも省いてください',
        detailEn: 'Send both source and externalId, or neither',
      },
    ]);
  }

  const existing =
    document.source === undefined
      ? null
      : await db().submission.findUnique({
          where: { source_externalId: { source: document.source, externalId: document.externalId! } },
          select: {
            id: true,
            reviewState: true,
            revisions: true,
            article: {
              select: {
                id: true,
                slug: true,
                version: true,
                status: true,
                deletedAt: true,
                category: { select: { slug: true } },
                _count: { select: { corrections: true } },
              },
            },
          },
        });
  if (existing) {
    const state = submissionState(existing.reviewState as ReviewState, {
      status: existing.article.status,
      deletedAt: existing.article.deletedAt,
      corrections: existing.article._count.corrections,
      everPublished: await everPublished(existing.article.id),
    });
    if (state !== 'received' && state !== 'in_review' && state !== 'changes_requested' && state !== 'approved') {
      return problemAnswer(resubmissionRefused(existing.id, state, existing.article.slug));
    }
  }

  const slug = document.slug ?? existing?.article.slug ?? defaultSlugFor(document);
  const category = document.category ?? existing?.article.category.slug ?? 'society';
  if (!(await db().category.findUnique({ where: { slug: category }, select: { id: true } }))) {
    return invalid([
      {
        pointer: '/category',
        detail: `カテゴリ「${category}」はありません`,
        detailEn: `There is no category "${category}"`,
      },
    ]);
  }
  // To the next whole minute: the form's dateline keeps minutes, so an editor's unchanged save keeps the embargo.
  const embargo = document.embargoUntil
    ? new Date(Math.ceil(Date.parse(document.embargoUntil) / 60_000) * 60_000)
    : null;
  const values = documentToFormValues(
    {
      ...document,
      generation: document.generation && {
        model: document.generation.model,
        modelVersion: document.generation.modelVersion,
        promptTemplateVersion:
          document.generation.promptTemplateVersion ??
          document.generation.promptVersion ??
          document.generation.pipelineVersion,
        sourcesRetrievedAt: document.generation.sourcesRetrievedAt,
      },
    },
    {
      slug,
      category,
      place: document.datelinePlace ?? null,
      publishedAt: embargo ?? (document.publishedAt ? new Date(document.publishedAt) : new Date()),
      noSourcesReason: document.sources.length === 0 ? (document.noSourcesReason ?? null) : null,
      demo: false,
    },
  );
  // Images named by the id POST /api/v1/media gave this key, described as it said then (or now).
  const references = [
    ...(document.leadImage ? [{ pointer: '/leadImage', reference: document.leadImage }] : []),
    ...document.sections.flatMap((section, index) =>
      section.image ? [{ pointer: `/sections/${index}/image`, reference: section.image }] : [],
    ),
  ];
  const images = await resolveImages(db(), actor.keyId, references);
  if (!images.ok) return invalid(images.errors);
  let next = 0;
  if (document.leadImage) {
    const image = images.images[next++]!;
    Object.assign(values, {
      leadImage: image.id,
      leadImageAlt: image.alt,
      leadImageCaption: image.caption,
      leadImageCredit: image.credit,
      leadImageSource: image.source,
    });
  }
  document.sections.forEach((section, index) => {
    if (!section.image) return;
    const image = images.images[next++]!;
    Object.assign(values.sections[index]!, {
      image: image.id,
      imageAlt: image.alt,
      imageCaption: image.caption,
      imageCredit: image.credit,
      imageSource: image.source,
    });
  });
  const flags = needsSourcesOrReason(document) ? ['no_sources'] : [];

  let answer: ApiAnswer | null = null;
  try {
    const saved = await saveArticle(actor, {
      id: existing?.article.id,
      baseVersion: existing?.article.version,
      intent: 'draft',
      values,
      auditAction: 'article_submit',
      alsoInTransaction: async (tx, written) => {
        const fields = {
          generation: (document.generation ?? Prisma.DbNull) as Prisma.InputJsonValue,
          embargoUntil: embargo,
          flags,
          submittedVersion: written.version,
          apiKeyId: actor.keyId,
        };
        const row = existing
          ? await tx.submission.update({
              where: { id: existing.id },
              data: { ...fields, reviewState: 'received', revisions: { increment: 1 }, updatedAt: new Date() },
              select: { id: true, revisions: true },
            })
          : await tx.submission.create({
              data: {
                ...fields,
                articleId: written.articleId,
                source: document.source,
                externalId: document.externalId,
              },
              select: { id: true, revisions: true },
            });
        await recordEvent(tx, 'submission.state_changed', {
          submissionId: row.id,
          articleId: written.articleId,
          state: 'received',
        });
        const location = routes.apiSubmission.href(row.id);
        answer = {
          status: 202,
          body: { id: row.id, state: 'received', revision: row.revisions, flags, location },
          headers: { Location: location },
        };
        if (idempotencyKey !== null) {
          await tx.apiIdempotency.create({
            data: {
              apiKeyId: actor.keyId,
              key: idempotencyKey,
              requestHash,
              status: 202,
              location,
              body: answer.body as Prisma.InputJsonValue,
            },
          });
        }
      },
    });
    if (!saved.ok) {
      const errors = Object.entries(saved.errors).map(([field, message]) => ({
        pointer: pointerOfField(field),
        detail: message ?? saved.message,
        detailEn: `The field ${field} was refused`,
      }));
      return invalid(errors.length > 0 ? errors : [{ detail: saved.message, detailEn: 'The article was refused' }]);
    }
  } catch (error) {
    // The same Idempotency-Key sent twice at once: the first write won; this one is its answer.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') {
      const again = idempotencyKey === null ? null : await remembered(actor, idempotencyKey, requestHash);
      if (again) return again;
      // The same natural key sent twice at once, with no Idempotency-Key: one of them won.
      return problemAnswer(
        problemDocument(409, 'concurrent-submission', {
          ja: '同じ source と externalId の入稿が同時に送られました。状態を確かめてから送り直してください',
          en: 'A submission with the same source and externalId arrived at the same time. Check its state, then send again',
        }),
      );
    }
    throw error;
  }
  return answer!;
}

async function everPublished(articleId: number): Promise<boolean> {
  return (
    (await db().articleRevision.count({
      where: { articleId, action: { in: ['article_publish', 'article_unpublish'] } },
    })) > 0
  );
}

function resubmissionRefused(id: string, state: SubmissionState, slug: string): ProblemDocument {
  const published = state === 'published' || state === 'corrected' || state === 'scheduled';
  return problemDocument(
    409,
    published ? 'already-published' : 'closed',
    published
      ? {
          ja: '公開済み（または予約公開済み）の記事は入稿し直せません。訂正は編集部が訂正記録とともに行います。記事の URL と誤りを添えて、お問い合わせ（/contact）から訂正を依頼してください',
          en: 'A published (or scheduled) article cannot be resubmitted. Corrections are made by the editors, with a public correction notice: ask for one through /contact, naming the article URL and what is wrong',
        }
      : {
          ja: 'この入稿は却下または取り下げられています。送り直すには別の externalId で入稿してください',
          en: 'This submission was rejected or withdrawn. To send it again, use another externalId',
        },
    {
      submission: routes.apiSubmission.href(id),
      state,
      ...(published
        ? { article: `${siteUrl()}${routes.article.href(slug)}`, correction: `${siteUrl()}${routes.contact.href()}` }
        : {}),
    },
  );
}

/** The answer already given to this key's Idempotency-Key, or 422 when the body differs. */
export async function remembered(actor: KeyActor, key: string, requestHash: string): Promise<ApiAnswer | null> {
  const row = await db().apiIdempotency.findUnique({
    where: { apiKeyId_key: { apiKeyId: actor.keyId, key } },
    select: { requestHash: true, status: true, location: true, body: true },
  });
  if (!row) return null;
  if (row.requestHash !== requestHash) {
    return problemAnswer(
      problemDocument(
        422,
        'idempotency-key-reused',
        {
          ja: 'この Idempotency-Key は別の内容の入稿に使われています',
          en: 'This Idempotency-Key was used for a different request body',
        },
        {
          errors: [
            {
              parameter: 'Idempotency-Key',
              detail: '別の内容で使用済みです',
              detailEn: 'Already used with another body',
            },
          ],
        },
      ),
    );
  }
  return {
    status: row.status,
    body: row.body as Record<string, unknown>,
    headers: { ...(row.location ? { Location: row.location } : {}), 'Idempotent-Replayed': 'true' },
  };
}

// ---- Reading a submission ----

export type SubmissionReport = {
  id: string;
  state: SubmissionState;
  source: string | null;
  externalId: string | null;
  revision: number;
  flags: string[];
  receivedAt: string;
  updatedAt: string;
  notes: { decision: string; note: string; by: string; at: string }[];
  url: string | null;
  /** What the editors changed since the integration's last version: line by line, words marked. */
  editorChanges: DiffLine[];
  /**
   * The figures of the article as it stands, held against its sources' latest snapshots (the claim
   * checker of lib/articles/claims, checked when asked): counts, and each figure not found.
   */
  claims: ClaimSummary & { checkedAt: string; notFoundFacts: ClaimJson[] };
};

/**
 * A submission as the key that sent it reads it (docs/decisions/0034): only the key that sent it, or
 * last resubmitted it, may read it; to any other key it does not exist (404), so one pipeline's key
 * cannot follow, or learn of, another's work.
 */
export async function readSubmissionReport(actor: KeyActor, id: string): Promise<SubmissionReport | null> {
  const row = await db().submission.findFirst({
    where: { id, apiKeyId: actor.keyId },
    select: {
      id: true,
      source: true,
      externalId: true,
      reviewState: true,
      revisions: true,
      flags: true,
      createdAt: true,
      updatedAt: true,
      submittedVersion: true,
      articleId: true,
      notes: { orderBy: { at: 'asc' }, select: { decision: true, note: true, authorLabel: true, at: true } },
    },
  });
  if (!row) return null;
  const [article, submitted, corrections, published, checked] = await Promise.all([
    findEditRow(db(), row.articleId),
    db().articleRevision.findUnique({
      where: { articleId_version: { articleId: row.articleId, version: row.submittedVersion } },
      select: { snapshot: true },
    }),
    db().correction.count({ where: { articleId: row.articleId } }),
    everPublished(row.articleId),
    checkArticle(row.articleId),
  ]);
  if (!article) return null;
  const state = submissionState(row.reviewState as ReviewState, {
    status: article.status,
    deletedAt: article.deletedAt,
    corrections,
    everPublished: published,
  });
  const before = submitted ? snapshotToFormValues(submitted.snapshot) : null;
  const changes = before ? diffSnapshots(before, rowToFormValues(article)).filter((line) => line.kind !== 'same') : [];
  return {
    id: row.id,
    state,
    source: row.source,
    externalId: row.externalId,
    revision: row.revisions,
    flags: row.flags,
    receivedAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    notes: row.notes.map((note) => ({
      decision: note.decision,
      note: note.note,
      by: note.authorLabel,
      at: note.at.toISOString(),
    })),
    url:
      state === 'published' || state === 'corrected'
        ? `${siteUrl()}${routes.article.href(article.slug as string)}`
        : null,
    editorChanges: changes,
    claims: {
      checkedAt: checked.checkedAt.toISOString(),
      ...summarize(checked.facts),
      notFoundFacts: claimsAsJson(checked.facts.filter((fact) => fact.result === 'not_found')),
    },
  };
}
