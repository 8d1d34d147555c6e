'use server';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { defineAction, defineStateAction } from '@/lib/editorial/admin-action';
import { databaseIdSchema } from '@/lib/routes/query-params';
import { formDataToInput, INTENTS, type ArticleFormValues } from '@/lib/articles/input';
import { addCorrection } from '@/lib/articles/corrections';
import { afterArticleWrite } from '@/lib/articles/snapshots/store';
import { discardAutosave, keyForArticle } from '@/lib/editorial/autosave';
import { deleteArticle, restoreArticle, republishArticle } from '@/lib/editorial/lifecycle';
import { prePublishChecklist, type PrePublishChecklist } from '@/lib/editorial/pre-publish';
import { restoreRevision } from '@/lib/editorial/revisions';
import { getArticleForEdit, saveArticle, type SaveResult } from '@/lib/editorial/save';

/** The article's actions: save, delete and restore, revisions, undo, corrections, the pre-publish list. */

const articlePage = (id: number, query: string) => `/admin/articles/${id}?${query}`;
const withError = (id: number, message: string) => articlePage(id, `error=${encodeURIComponent(message)}`);

/** What the writer records for a save, whichever intent (lib/editorial/save.ts). */
const SAVE_AUDIT = [
  'article_create',
  'article_edit',
  'article_publish',
  'article_schedule',
  'article_unpublish',
] as const;

export type ArticleFormState = { result?: SaveResult; values?: ArticleFormValues };

const saveInput = z.object({
  intent: z.enum(INTENTS, { error: '操作を選んでください' }),
  id: databaseIdSchema.optional(),
  baseVersion: databaseIdSchema.optional(),
  confirmRepublish: databaseIdSchema.optional(),
  // Validated by saveArticle, which lists every problem of the form at once.
  values: z.custom<ArticleFormValues>(),
});

export const saveArticleAction = defineStateAction('saveArticleAction', {
  permission: 'editor',
  from: (form) => ({
    intent: form.get('intent'),
    id: form.get('id') || undefined,
    baseVersion: form.get('baseVersion') || undefined,
    // The version of someone else's unpublish the editor confirmed in the pre-publish dialog.
    confirmRepublish: form.get('confirmRepublish') || undefined,
    values: formDataToInput(form),
  }),
  input: saveInput,
  invalid: (problem, form): ArticleFormState => ({
    values: formDataToInput(form),
    result: { ok: false, message: problem.detail, errors: {} },
  }),
  audit: SAVE_AUDIT,
  run: async ({ actor, input: { values, ...request } }): Promise<ArticleFormState> => {
    const result = await saveArticle(actor, { ...request, values });
    if (!result.ok) return { result, values };
    // Committed: its new sources are read and its figures checked in the background (docs/decisions/0028).
    afterArticleWrite(result.id);
    // Saved: the autosaved copy has nothing left to offer.
    await discardAutosave(actor, keyForArticle(request.id));
    // Saved even when a cache expiry could not follow (decision 0026): the notice says what is pending.
    redirect(articlePage(result.id, `saved=${request.intent}${result.notDone ? '&pending=cache' : ''}`));
  },
});

const articleId = z.object({ id: databaseIdSchema });

export const deleteArticleAction = defineAction('deleteArticleAction', {
  permission: 'editor',
  input: articleId,
  audit: ['article_delete'],
  run: async ({ actor, input: { id } }) => {
    await deleteArticle(actor, id);
    redirect(articlePage(id, 'saved=delete'));
  },
});

export const restoreArticleAction = defineAction('restoreArticleAction', {
  permission: 'admin',
  input: articleId,
  audit: ['article_restore'],
  run: async ({ actor, input: { id } }) => {
    await restoreArticle(actor, id);
    redirect(articlePage(id, 'saved=restore'));
  },
});

export const restoreRevisionAction = defineAction('restoreRevisionAction', {
  permission: 'editor',
  input: z.object({ id: databaseIdSchema, version: databaseIdSchema }),
  audit: ['article_revision_restore'],
  run: async ({ actor, input: { id, version } }) => {
    const before = await getArticleForEdit(actor, id);
    const result = await restoreRevision(actor, id, version);
    redirect(
      result.ok
        ? articlePage(id, `saved=revision&undo=${before?.version ?? ''}`)
        : `/admin/articles/${id}/revisions?error=${encodeURIComponent(result.message)}`,
    );
  },
});

/**
 * Undo, offered by the notice after an action that can be undone: publish again after an
 * unpublish, go back to the version before a restore, restore a deleted article (an admin's).
 */
export const undoAction = defineAction('undoAction', {
  permission: 'editor',
  input: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('unpublish'), id: databaseIdSchema }),
    z.object({ kind: z.literal('revision'), id: databaseIdSchema, version: databaseIdSchema }),
    z.object({ kind: z.literal('delete'), id: databaseIdSchema }),
  ]),
  adminWhen: (input) => input.kind === 'delete',
  audit: ['article_publish', 'article_revision_restore', 'article_restore'],
  run: async ({ actor, input }) => {
    if (input.kind === 'delete') {
      await restoreArticle(actor, input.id);
      redirect(articlePage(input.id, 'saved=restore'));
    }
    const result =
      input.kind === 'unpublish'
        ? await republishArticle(actor, input.id)
        : await restoreRevision(actor, input.id, input.version);
    redirect(
      result.ok
        ? articlePage(input.id, `saved=${input.kind === 'unpublish' ? 'publish' : 'revision'}`)
        : withError(input.id, result.message),
    );
  },
});

export const addCorrectionAction = defineAction('addCorrectionAction', {
  permission: 'editor',
  input: z.object({
    id: databaseIdSchema,
    whatWasWrong: z.string().default(''),
    whatChanged: z.string().default(''),
    beforeText: z.string().default(''),
    afterText: z.string().default(''),
  }),
  audit: ['article_correct'],
  run: async ({ actor, input: { id, ...correction } }) => {
    const result = await addCorrection(actor, id, correction);
    redirect(result.ok ? articlePage(id, 'saved=correction') : withError(id, result.message));
  },
});

/** The pre-publish dialog's list, for the form as it stands (nothing is written). */
export const prePublishChecklistAction = defineAction('prePublishChecklistAction', {
  permission: 'editor',
  from: (form) => ({ id: form.get('id') || undefined, intent: form.get('intent'), values: formDataToInput(form) }),
  input: z.object({
    id: databaseIdSchema.optional(),
    intent: z.enum(['publish', 'schedule']),
    values: z.custom<ArticleFormValues>(),
  }),
  invalid: (): PrePublishChecklist => ({ ok: false }),
  audit: [],
  run: ({ actor, input }) => prePublishChecklist(actor, input),
});
