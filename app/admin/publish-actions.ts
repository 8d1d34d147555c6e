'use server';
import { z } from 'zod';
import { requireEditor } from '@/lib/auth/session';
import { prePublishChecklist, type PrePublishChecklist } from '@/lib/editorial/pre-publish';
import { formDataToInput } from '@/lib/articles/input';

const requestSchema = z.object({
  id: z.coerce.number().int().positive().max(2_147_483_647).optional(),
  intent: z.enum(['publish', 'schedule']),
});

/** The pre-publish dialog's list, for the form as it stands (nothing is written). */
export async function prePublishChecklistAction(form: FormData): Promise<PrePublishChecklist> {
  const actor = await requireEditor();
  const request = requestSchema.safeParse({ id: form.get('id') || undefined, intent: form.get('intent') });
  if (!request.success) return { ok: false };
  return prePublishChecklist(actor, { ...request.data, values: formDataToInput(form) });
}
