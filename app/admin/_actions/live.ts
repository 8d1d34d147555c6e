'use server';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { defineAction } from '@/lib/editorial/admin-action';
import { databaseIdSchema } from '@/lib/routes/query-params';
import {
  approveHeldUpdate,
  deleteLiveUpdate,
  editLiveUpdate,
  parseLiveSources,
  postLiveUpdate,
  rejectHeldUpdate,
  setLiveState,
  type LiveResult,
} from '@/lib/articles/live';
import { storeImage } from '@/lib/media/images';
import { ImageRefused } from '@/lib/media/process';
import { QueueFull } from '@/lib/media/work-queue';
import { IMAGE_UPLOAD_MAX_BYTES } from '@/lib/media/renditions';
import type { SignedInActor } from '@/lib/editorial/admin-action';
import { clearBreaking, setBreaking } from '@/lib/editorial/breaking';

/** The live page's screen (docs/decisions/0040): post, edit, take down, end or resume. */

const livePage = (id: number, query: string) => `/admin/articles/${id}/live?${query}`;
const answer = (id: number, result: LiveResult, done: string) =>
  redirect(
    result.ok
      ? livePage(id, `saved=${done}${result.notDone ? `&notDone=${encodeURIComponent(result.notDone)}` : ''}#live-form`)
      : livePage(id, `error=${encodeURIComponent(result.message)}#live-form`),
  );

const checkbox = z.preprocess((value) => value === 'on' || value === 'true', z.boolean());
const text = z.preprocess((value) => (typeof value === 'string' ? value : ''), z.string());

const updateFields = {
  heading: text,
  body: text,
  keyEvent: checkbox,
  pinned: checkbox,
  disclosure: z.enum(['human', 'ai-assisted', 'ai-generated']).catch('human'),
  sources: text,
  imageAlt: text,
  image: z.instanceof(File).optional(),
};

/** The form's image, stored through the dashboard's image pipeline; its id, or a refusal. */
async function imageOf(actor: SignedInActor, file: File | undefined): Promise<number | null | { error: string }> {
  if (!file || file.size === 0) return null;
  if (file.size > IMAGE_UPLOAD_MAX_BYTES) return { error: `画像は${IMAGE_UPLOAD_MAX_BYTES / 1024 / 1024}MBまでです` };
  try {
    return (await storeImage(actor, Buffer.from(await file.arrayBuffer()))).id;
  } catch (error) {
    if (error instanceof ImageRefused) return { error: error.message };
    if (error instanceof QueueFull) return { error: '画像の処理が混み合っています。少しおいてから投稿してください' };
    throw error;
  }
}

async function inputOf(actor: SignedInActor, input: z.output<z.ZodObject<typeof updateFields>>) {
  const sources = parseLiveSources(input.sources);
  if ('error' in sources) return { error: sources.error };
  const image = await imageOf(actor, input.image);
  if (image !== null && typeof image === 'object') return image;
  return {
    value: {
      heading: input.heading,
      body: input.body,
      keyEvent: input.keyEvent,
      pinned: input.pinned,
      disclosure: input.disclosure,
      sources: sources.sources,
      imageId: image,
      imageAlt: input.imageAlt,
    },
  };
}

export const postLiveUpdateAction = defineAction('postLiveUpdateAction', {
  permission: 'editor',
  input: z.object({ articleId: databaseIdSchema, ...updateFields }),
  invalid: (problem, form) =>
    redirect(livePage(Number(form.get('articleId')) || 0, `error=${encodeURIComponent(problem.detail)}`)),
  audit: ['live_update_post', 'image_upload'],
  run: async ({ actor, input }) => {
    const parsed = await inputOf(actor, input);
    if ('error' in parsed) redirect(livePage(input.articleId, `error=${encodeURIComponent(parsed.error!)}`));
    answer(input.articleId, await postLiveUpdate(actor, input.articleId, parsed.value), 'post');
  },
});

export const editLiveUpdateAction = defineAction('editLiveUpdateAction', {
  permission: 'editor',
  input: z.object({
    articleId: databaseIdSchema,
    updateId: databaseIdSchema,
    correction: text,
    keepImage: text,
    ...updateFields,
  }),
  invalid: (problem, form) =>
    redirect(livePage(Number(form.get('articleId')) || 0, `error=${encodeURIComponent(problem.detail)}`)),
  audit: ['live_update_edit', 'article_correct', 'image_upload'],
  run: async ({ actor, input }) => {
    const parsed = await inputOf(actor, input);
    if ('error' in parsed) redirect(livePage(input.articleId, `error=${encodeURIComponent(parsed.error!)}`));
    const kept = Number(input.keepImage) || null;
    const value = { ...parsed.value, imageId: parsed.value.imageId ?? kept };
    answer(input.articleId, await editLiveUpdate(actor, input.updateId, value, input.correction), 'edit');
  },
});

export const deleteLiveUpdateAction = defineAction('deleteLiveUpdateAction', {
  permission: 'editor',
  input: z.object({ articleId: databaseIdSchema, updateId: databaseIdSchema }),
  audit: ['live_update_delete'],
  run: async ({ actor, input }) => {
    answer(input.articleId, await deleteLiveUpdate(actor, input.updateId), 'delete');
  },
});

/** An update a pipeline sent (decision 0040): posted for readers, or turned down. */
export const decideHeldUpdateAction = defineAction('decideHeldUpdateAction', {
  permission: 'editor',
  input: z.object({
    articleId: databaseIdSchema,
    updateId: databaseIdSchema,
    decision: z.enum(['approve', 'reject']),
  }),
  audit: ['live_update_approve', 'live_update_reject'],
  run: async ({ actor, input }) => {
    if (input.decision === 'approve')
      answer(input.articleId, await approveHeldUpdate(actor, input.updateId), 'approve');
    else answer(input.articleId, await rejectHeldUpdate(actor, input.updateId), 'reject');
  },
});

export const setLiveStateAction = defineAction('setLiveStateAction', {
  permission: 'editor',
  input: z.object({ articleId: databaseIdSchema, state: z.enum(['live', 'ended']) }),
  audit: ['live_end', 'live_resume'],
  run: async ({ actor, input }) => {
    answer(
      input.articleId,
      await setLiveState(actor, input.articleId, input.state),
      input.state === 'ended' ? 'end' : 'resume',
    );
  },
});

const backTo = z
  .string()
  .regex(/^\/admin\/articles\/\d+(\/live)?$/)
  .catch('/admin');

/** The 速報 banner (lib/editorial/breaking.ts): put up for a chosen time, or taken down. */
export const setBreakingAction = defineAction('setBreakingAction', {
  permission: 'editor',
  input: z.object({ slug: z.string(), text: text, minutes: z.string(), back: backTo }),
  audit: ['breaking_set'],
  run: async ({ actor, input }) => {
    const result = await setBreaking(actor, input);
    redirect(`${input.back}?${result.ok ? 'saved=breaking' : `error=${encodeURIComponent(result.message)}`}`);
  },
});

export const clearBreakingAction = defineAction('clearBreakingAction', {
  permission: 'editor',
  input: z.object({ back: backTo }),
  audit: ['breaking_clear'],
  run: async ({ actor, input }) => {
    await clearBreaking(actor);
    redirect(`${input.back}?saved=breaking-clear`);
  },
});
