'use server';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { parseArticleBytes, parseArticleText } from '@/lib/articles/text/parse';
import type { ArticleFormValues } from '@/lib/articles/input';
import { afterArticleWrite } from '@/lib/articles/snapshots/store';
import { defineAction, defineStateAction } from '@/lib/editorial/admin-action';
import { articleFormChoices } from '@/lib/editorial/form-choices';
import { articlesTitled, nearlySameText } from '@/lib/editorial/import-checks';
import type { NearDuplicate } from '@/lib/articles/near-duplicates';
import { formValuesFromDocument } from '@/lib/editorial/import-mapping';
import { saveArticle } from '@/lib/editorial/save';
import { IMPORT_MAX_BYTES } from '@/lib/routes/registry';

/** Importing an article: a pasted text or a file, read into the form's values, then saved as a draft. */

export type ImportState = {
  problems?: string[];
  values?: ArticleFormValues;
  error?: string;
  /** The pasted text, kept in the form after reading it. */
  text?: string;
  /** The categories the editor may file it in. */
  categories?: { value: string; label: string }[];
  /** Existing articles with the same title. */
  sameTitle?: { id: number; title: string; status: string; deleted: boolean }[];
  /** The existing article whose text this import nearly repeats, when one does. */
  nearlySame?: NearDuplicate | null;
};

const importError = (message: string) => `/admin/import?error=${encodeURIComponent(message)}`;

export const parseImportAction = defineStateAction('parseImportAction', {
  permission: 'editor',
  input: z.object({ file: z.instanceof(File).optional(), text: z.string().optional() }),
  invalid: (): ImportState => ({ error: '文章を貼り付けるか、ファイルを選んでください' }),
  audit: [],
  run: async ({ actor, input: { file, text } }): Promise<ImportState> => {
    let result;
    if (file && file.size > 0) {
      if (file.size > IMPORT_MAX_BYTES)
        return { error: `ファイルが大きすぎます（上限 ${IMPORT_MAX_BYTES / 1024 / 1024} MB）` };
      if (!/\.(txt|md|markdown|json)$/i.test(file.name))
        return { error: '.txt、.md、.json のファイルを選んでください' };
      result = parseArticleBytes(new Uint8Array(await file.arrayBuffer()), file.name);
    } else if (text?.trim()) {
      if (text.length > IMPORT_MAX_BYTES) return { error: '貼り付けた文章が長すぎます' };
      result = parseArticleText(text);
    } else {
      return { error: '文章を貼り付けるか、ファイルを選んでください' };
    }
    if (!result.ok)
      return {
        text,
        problems: result.problems.map((problem) =>
          problem.line ? `${problem.line}行目: ${problem.message}` : problem.message,
        ),
      };
    const values = await formValuesFromDocument(actor, result.article);
    const [choices, sameTitle, nearlySame] = await Promise.all([
      articleFormChoices(actor),
      articlesTitled(values.title),
      nearlySameText(values),
    ]);
    // The same title says it already; the text's likeness is news only for another article.
    const named = new Set(sameTitle.map((article) => article.id));
    return {
      text,
      values,
      categories: choices.categories,
      sameTitle,
      nearlySame: nearlySame && !named.has(nearlySame.articleId) ? nearlySame : null,
    };
  },
});

export const saveImportedDraftAction = defineAction('saveImportedDraftAction', {
  permission: 'editor',
  input: z.object({
    values: z.string().transform((json, context) => {
      try {
        return JSON.parse(json) as ArticleFormValues;
      } catch {
        context.addIssue({ code: 'custom', message: '取り込み内容が読めません' });
        return z.NEVER;
      }
    }),
    // What the editor chose on the preview: the category, the date and the time.
    category: z.string().optional(),
    datelineDate: z.string().optional(),
    datelineTime: z.string().optional(),
  }),
  invalid: () => redirect(importError('取り込み内容が読めません')),
  audit: ['article_import'],
  run: async ({ actor, input: { values, ...chosen } }) => {
    const choices = Object.fromEntries(Object.entries(chosen).filter(([, value]) => value));
    // saveArticle validates the values with the same schema as the editing form.
    const result = await saveArticle(actor, {
      intent: 'draft',
      values: { ...values, ...choices },
      auditAction: 'article_import',
    });
    if (!result.ok) redirect(importError(Object.values(result.errors)[0] ?? result.message));
    afterArticleWrite(result.id);
    redirect(`/admin/articles/${result.id}?saved=import`);
  },
});
