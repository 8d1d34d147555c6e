'use server';
import type { ReactNode } from 'react';
import { ArticleBody } from '@/components/article/ArticleBody';
import { requireEditor } from '@/lib/auth/session';
import { previewUnsaved } from '@/lib/editorial/preview';
import { formDataToInput } from '@/lib/articles/input';

/**
 * The article form as readers would see it, before the first save: rendered by the public page's
 * own component on the server and returned to the form, with nothing written.
 */
export async function previewUnsavedAction(form: FormData): Promise<{ article?: ReactNode; problem?: string }> {
  const actor = await requireEditor();
  const result = await previewUnsaved(actor, formDataToInput(form));
  if (!result.ok) return { problem: result.message };
  return { article: <ArticleBody article={result.article} /> };
}
