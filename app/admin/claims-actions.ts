'use server';
import { z } from 'zod';
import { defineAction } from '@/lib/editorial/admin-action';
import { disclosureSchema } from '@/lib/articles/text/document';
import {
  factsToDecide,
  recordFactDecisions,
  type FactsToDecide,
  type RecordResult,
} from '@/lib/articles/claims/decisions';

/**
 * The pre-publish confirmation's questions about figures the sources did not hold, and the
 * editor's answers (docs/decisions/0035), declared through the runner (docs/decisions/0032); the
 * data layer checks each answer and records it in the article's audit and next revision.
 */

const articleId = z.coerce.number().int().positive().max(2_147_483_647);

/** The figures to answer for, from the form being published (its id and disclosure); null for a new article. */
export const factsToDecideAction = defineAction('factsToDecideAction', {
  permission: 'editor',
  input: z.object({ id: articleId, disclosure: disclosureSchema.optional().catch(undefined) }),
  invalid: (): FactsToDecide | null => null,
  audit: [],
  run: ({ actor, input }) => factsToDecide(actor, input.id, input.disclosure),
});

/** Records the answers given in the confirmation (a JSON list in `answers`); the data layer validates each one. */
export const decideFactsAction = defineAction('decideFactsAction', {
  permission: 'editor',
  from: (form) => ({ id: form.get('id'), answers: form.get('answers') }),
  input: z.object({
    id: articleId,
    answers: z.string().transform((text, context): unknown => {
      try {
        return JSON.parse(text);
      } catch {
        context.addIssue({ code: 'custom', message: '回答を読み取れません' });
        return z.NEVER;
      }
    }),
  }),
  invalid: (problem): RecordResult => ({ ok: false, message: problem.detail }),
  audit: ['article_claims_decide'],
  run: ({ actor, input }) => recordFactDecisions(actor, input.id, input.answers),
});
