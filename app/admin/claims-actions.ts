'use server';
import { z } from 'zod';
import { requireEditor } from '@/lib/auth/session';
import { disclosureSchema } from '@/lib/articles/text/document';
import {
  factsToDecide,
  recordFactDecisions,
  type FactsToDecide,
  type RecordResult,
} from '@/lib/articles/claims/decisions';

/**
 * The pre-publish confirmation's questions about figures the sources did not hold, and the
 * editor's answers (docs/decisions/0035). Kept apart from actions.ts; each asks the data layer,
 * which checks the caller itself.
 */

const articleId = z.coerce.number().int().positive().max(2_147_483_647);

/** The figures to answer for, from the form being published (its id and disclosure); null for a new article. */
export async function factsToDecideAction(form: FormData): Promise<FactsToDecide | null> {
  const actor = await requireEditor();
  const id = articleId.safeParse(form.get('id'));
  if (!id.success) return null;
  const disclosure = disclosureSchema.safeParse(form.get('disclosure'));
  return factsToDecide(actor, id.data, disclosure.success ? disclosure.data : undefined);
}

/** Records the answers given in the confirmation; the data layer validates each one. */
export async function decideFactsAction(id: number, answers: unknown): Promise<RecordResult> {
  const actor = await requireEditor();
  const parsed = articleId.safeParse(id);
  if (!parsed.success) return { ok: false, message: '記事が見つかりません' };
  return recordFactDecisions(actor, parsed.data, answers);
}
