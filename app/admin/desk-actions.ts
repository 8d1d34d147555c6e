'use server';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { defineAction, defineStateAction } from '@/lib/editorial/admin-action';
import { apiKeyInputSchema, createApiKey, revokeApiKey } from '@/lib/api/keys';
import { decideSubmission, startReview, type Decision } from '@/lib/api/review';

/**
 * The AI desk's admin actions (docs/decisions/0030): integration keys and review decisions, each
 * declared through the admin actions' runner (lib/editorial/admin-action.ts, decision 0032). The data
 * layer checks the caller again and validates what it is given.
 */

export type ApiKeyFormState = { error?: string; created?: { name: string; prefix: string; key: string } };

export const createApiKeyAction = defineStateAction('createApiKeyAction', {
  permission: 'admin',
  recentSignIn: '/admin/keys',
  from: (form) => ({
    name: String(form.get('name') ?? ''),
    scopes: form.getAll('scopes').map(String),
    rateLimitPerMinute: Number(form.get('rateLimitPerMinute') || 120),
  }),
  input: apiKeyInputSchema,
  invalid: (problem): ApiKeyFormState => ({ error: problem.detail }),
  audit: ['api_key_create'],
  run: async ({ actor, input }): Promise<ApiKeyFormState> => {
    const created = await createApiKey(actor, input);
    // Shown once, in this answer only: the key is never stored or shown again.
    return { created: { name: created.name, prefix: created.prefix, key: created.key } };
  },
});

export const revokeApiKeyAction = defineAction('revokeApiKeyAction', {
  permission: 'admin',
  recentSignIn: '/admin/keys',
  input: z.object({ id: z.coerce.number().int().positive() }),
  audit: ['api_key_revoke'],
  run: async ({ actor, input }) => {
    await revokeApiKey(actor, input.id);
    redirect('/admin/keys');
  },
});

/** An editor's decision on a submission; the answer comes back on the queue's page. */
export const decideSubmissionAction = defineAction('decideSubmissionAction', {
  permission: 'editor',
  // decideSubmission validates them and says what is wrong on the queue's page.
  input: z.object({ id: z.string().default(''), decision: z.string().default(''), note: z.string().default('') }),
  audit: ['submission_approve', 'submission_request_changes', 'submission_reject'],
  run: async ({ actor, input }) => {
    const result = await decideSubmission(actor, { ...input, decision: input.decision as Decision });
    redirect(`/admin/review?${result.ok ? 'done' : 'error'}=${encodeURIComponent(result.message)}`);
  },
});

/** Opens a submission's article in the editor; a received submission is in review from then on. */
export const startReviewAction = defineAction('startReviewAction', {
  permission: 'editor',
  input: z.object({ id: z.string().default('') }),
  audit: [],
  run: async ({ actor, input }) => {
    const articleId = await startReview(actor, input.id);
    redirect(articleId === null ? '/admin/review' : `/admin/articles/${articleId}`);
  },
});
