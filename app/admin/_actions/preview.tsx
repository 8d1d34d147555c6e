'use server';
import type { ReactNode } from 'react';
import { z } from 'zod';
import { ArticleBody } from '@/components/article/ArticleBody';
import { formDataToInput, type ArticleFormValues } from '@/lib/articles/input';
import { defineAction } from '@/lib/editorial/admin-action';
import { previewUnsaved } from '@/lib/editorial/preview';

type PreviewAnswer = { article?: ReactNode; problem?: string };

/**
 * The article form as readers would see it, before the first save: rendered by the public page's
 * own component on the server and returned to the form, with nothing written.
 */
export const previewUnsavedAction = defineAction('previewUnsavedAction', {
  permission: 'editor',
  from: (form) => ({ values: formDataToInput(form) }),
  // Validated by previewUnsaved, with the same schema as a save.
  input: z.object({ values: z.custom<ArticleFormValues>() }),
  invalid: (problem): PreviewAnswer => ({ problem: problem.detail }),
  audit: [],
  run: async ({ actor, input }): Promise<PreviewAnswer> => {
    const result = await previewUnsaved(actor, input.values);
    if (!result.ok) return { problem: result.message };
    return { article: <ArticleBody article={result.article} /> };
  },
});
