'use server';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { requireAdmin, requireEditor, requireRecentSignIn } from '@/lib/auth/session';
import { apiKeyInputSchema, createApiKey, revokeApiKey } from '@/lib/api/keys';
import { decideSubmission, startReview, type Decision } from '@/lib/api/review';

/**
 * The AI desk's admin mutations (docs/decisions/0030): integration keys and review decisions. Kept apart from
 * actions.ts; each asks the data layer, which checks the caller itself.
 */

export type ApiKeyFormState = { error?: string; created?: { name: string; prefix: string; key: string } };

export async function createApiKeyAction(_previous: ApiKeyFormState, form: FormData): Promise<ApiKeyFormState> {
  const actor = await requireAdmin();
  await requireRecentSignIn('/admin/keys');
  const parsed = apiKeyInputSchema.safeParse({
    name: String(form.get('name') ?? ''),
    scopes: form.getAll('scopes').map(String),
    rateLimitPerMinute: Number(form.get('rateLimitPerMinute') || 120),
  });
  if (!parsed.success) return { error: parsed.error.issues[0]!.message };
  const created = await createApiKey(actor, parsed.data);
  // Shown once, in this answer only: the key is never stored or shown again.
  return { created: { name: created.name, prefix: created.prefix, key: created.key } };
}

export async function revokeApiKeyAction(form: FormData): Promise<void> {
  const actor = await requireAdmin();
  await requireRecentSignIn('/admin/keys');
  await revokeApiKey(actor, z.coerce.number().int().positive().parse(form.get('id')));
  redirect('/admin/keys');
}

/** An editor's decision on a submission in the review queue; the answer comes back on the queue's page. */
export async function decideSubmissionAction(form: FormData): Promise<void> {
  const actor = await requireEditor();
  const result = await decideSubmission(actor, {
    id: String(form.get('id') ?? ''),
    decision: String(form.get('decision') ?? '') as Decision,
    note: String(form.get('note') ?? ''),
  });
  const query = result.ok
    ? `done=${encodeURIComponent(result.message)}`
    : `error=${encodeURIComponent(result.message)}`;
  redirect(`/admin/review?${query}`);
}

/** Opens a submission's article in the editor; a received submission is in review from then on. */
export async function startReviewAction(form: FormData): Promise<void> {
  const actor = await requireEditor();
  const articleId = await startReview(actor, String(form.get('id') ?? ''));
  redirect(articleId === null ? '/admin/review' : `/admin/articles/${articleId}`);
}
