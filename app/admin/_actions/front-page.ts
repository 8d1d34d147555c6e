'use server';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { defineAction } from '@/lib/editorial/admin-action';
import { FRONT_PAGE_SLOTS, setFrontPage } from '@/lib/editorial/front-page';

/** The home page's top story and lead stories, as editors placed them. */

export const setFrontPageAction = defineAction('setFrontPageAction', {
  permission: 'editor',
  // Every slot, in order, an empty one as ''; setFrontPage validates the ids.
  from: (form) => ({ slots: Array.from({ length: FRONT_PAGE_SLOTS }, (_, index) => form.get(`slot${index}`) ?? '') }),
  input: z.object({ slots: z.array(z.string()) }),
  audit: ['front_page_update'],
  run: async ({ actor, input }) => {
    const result = await setFrontPage(actor, input.slots);
    redirect(result.ok ? '/admin/front-page?saved=1' : `/admin/front-page?error=${encodeURIComponent(result.message)}`);
  },
});
