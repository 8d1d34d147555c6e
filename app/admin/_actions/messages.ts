'use server';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { defineAction } from '@/lib/editorial/admin-action';
import { markContactMessageHandled } from '@/lib/editorial/contact';
import { databaseIdSchema } from '@/lib/routes/query-params';

/** The contact form's messages, marked handled. */

export const markContactHandledAction = defineAction('markContactHandledAction', {
  permission: 'editor',
  input: z.object({ id: databaseIdSchema }),
  invalid: () => redirect('/admin/messages'),
  audit: ['contact_handled'],
  run: async ({ actor, input }) => {
    await markContactMessageHandled(actor, input.id);
    redirect('/admin/messages');
  },
});
