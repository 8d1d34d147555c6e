import type { Metadata } from 'next';
import { ArticleForm } from '@/components/admin/ArticleForm.client';
import { articleFormChoices } from '@/lib/editorial/form-choices';
import { readAutosave } from '@/lib/editorial/autosave';
import { requireEditorPage } from '@/lib/auth/session';
import { blankFormValues } from '@/lib/articles/input';

export const metadata: Metadata = { title: '新しい記事' };

export default async function NewArticlePage() {
  const actor = await requireEditorPage();
  return (
    <>
      <h1 className="text-2xl font-bold">新しい記事</h1>
      <ArticleForm
        initial={blankFormValues()}
        choices={await articleFormChoices(actor)}
        autosaved={await readAutosave(actor, 'new', null)}
      />
    </>
  );
}
