import { z } from 'zod';
import { articleFieldEntries, articleFields, articleLists, optionLabel, tokyoDateTime } from './fields';
import { DEFAULT_CATEGORIES } from './category-defaults';
import { missingSources } from './sources-rule';

/**
 * The editable article, as the admin form sends it and as revisions store it, derived from the
 * field declarations in lib/articles/fields.ts. Pure: shared by the server (authoritative) and the
 * form (for early messages).
 */

type Fields = typeof articleFields;

/** The scalar fields' schemas, by name, as the declarations give them. */
const scalarShape = Object.fromEntries(
  articleFieldEntries.map(([name, declaration]) => [name, declaration.schema]),
) as {
  [K in keyof Fields]: Fields[K]['schema'];
};

export const editorSlugSchema = articleFields.slug.schema;

export const articleInputSchema = z.object({
  ...scalarShape,
  sections: z.array(articleLists.sections.item).max(articleLists.sections.max, articleLists.sections.maxMessage),
  sources: z.array(articleLists.sources.item).max(articleLists.sources.max, articleLists.sources.maxMessage),
});

export { parseCiteList } from './citations';

export type ArticleInput = z.output<typeof articleInputSchema>;
export type ArticleFormValues = z.input<typeof articleInputSchema>;
export type FieldErrors = Partial<Record<string, string>>;

/** A new article's form: every declared field's blank value, and one empty section. */
export function blankFormValues(now = new Date()): ArticleFormValues {
  const scalars = Object.fromEntries(articleFieldEntries.map(([name, declaration]) => [name, declaration.blank(now)]));
  return {
    ...(scalars as Omit<ArticleFormValues, 'sections' | 'sources'>),
    sections: [articleLists.sections.blankItem()],
    sources: [],
  };
}

export const INTENTS = ['draft', 'publish', 'schedule', 'unpublish'] as const;
export type SaveIntent = (typeof INTENTS)[number];

/** What publishing needs, named by field so the form can show each next to its input. */
export function publishProblems(input: ArticleInput, intent: SaveIntent, now = new Date()): FieldErrors {
  if (intent !== 'publish' && intent !== 'schedule') return {};
  const errors: FieldErrors = {};
  const complete = input.sections.filter((section) => section.heading && section.body);
  if (complete.length === 0) errors.sections = '公開するには、見出しと本文のある節が1つ以上必要です';
  input.sections.forEach((section, index) => {
    if (!section.heading) errors[`sections.${index}.heading`] = '見出しを入力してください';
    if (!section.body) errors[`sections.${index}.body`] = '本文を入力してください';
  });
  const dateline = tokyoDateTime(input.datelineDate, input.datelineTime);
  if (!dateline) errors.datelineDate = '公開するには日付（日付欄）が必要です';
  else if (intent === 'publish' && dateline.getTime() > now.getTime() + 60_000) {
    errors.datelineDate = '未来の日時です。予約公開を使ってください';
  } else if (intent === 'schedule' && dateline.getTime() <= now.getTime()) {
    errors.datelineDate = '予約公開には未来の日時を指定してください';
  }
  if (!input.disclosure) errors.disclosure = '公開するには制作方法の表示が必要です';
  // The rule the site's pages state (lib/articles/sources-rule.ts): sources, or a reason readers see.
  if (
    missingSources({
      disclosure: input.disclosure,
      sourceCount: input.sources.length,
      noSourcesReason: input.noSourcesReason,
    })
  ) {
    errors.noSourcesReason =
      '出典のないAI記事は公開できません。出典を加えるか、出典がない理由を書いてください（読者に表示されます）';
  }
  if (!input.lead) errors.lead = '公開するにはリードが必要です';
  return errors;
}

/**
 * An image needs words for readers who cannot see it, and its provenance: checked on every save,
 * not only on publishing, since a draft's preview shows it too.
 */
export function imageProblems(input: ArticleInput): FieldErrors {
  const errors: FieldErrors = {};
  if (input.leadImage !== null) {
    if (!input.leadImageAlt) errors.leadImageAlt = '画像の代替テキストを入力してください';
    if (!input.leadImageSource) errors.leadImageSource = '画像の種類を選んでください';
  }
  input.sections.forEach((section, index) => {
    if (section.image === null) return;
    if (!section.imageAlt) errors[`sections.${index}.imageAlt`] = '画像の代替テキストを入力してください';
    if (!section.imageSource) errors[`sections.${index}.imageSource`] = '画像の種類を選んでください';
  });
  return errors;
}

/** The form's flat FormData (sections.0.heading …) as the nested object the schema reads. */
export function formDataToInput(form: FormData): ArticleFormValues {
  const text = (name: string) => {
    const value = form.get(name);
    return typeof value === 'string' ? value : '';
  };
  const rows = <T extends Record<string, string>>(list: keyof typeof articleLists, blankItem: () => T): T[] => {
    const indexes = new Set<number>();
    for (const key of form.keys()) {
      const match = new RegExp(`^${list}\\.(\\d+)\\.`).exec(key);
      if (match) indexes.add(Number(match[1]));
    }
    return [...indexes]
      .sort((a, b) => a - b)
      .map(
        (index) =>
          Object.fromEntries(Object.keys(blankItem()).map((field) => [field, text(`${list}.${index}.${field}`)])) as T,
      );
  };
  // A field the form did not send (a hidden one, an older form) takes its blank value.
  const now = new Date();
  const scalars = Object.fromEntries(
    articleFieldEntries.map(([name, declaration]) => [name, form.has(name) ? text(name) : declaration.blank(now)]),
  ) as Omit<ArticleFormValues, 'sections' | 'sources'>;
  return {
    ...scalars,
    sections: rows('sections', articleLists.sections.blankItem),
    sources: rows('sources', articleLists.sources.blankItem),
  };
}

export function issuesToFieldErrors(issues: z.core.$ZodIssue[]): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of issues) {
    const key = issue.path.join('.');
    errors[key] ??= issue.message;
  }
  return errors;
}

const DEFAULT_CATEGORY_NAMES: ReadonlyMap<string, string> = new Map(
  DEFAULT_CATEGORIES.map((category) => [category.slug, category.name]),
);

/**
 * A readable, line-based rendering of an article, for diffs between revisions: every declared field
 * by its diff label, selects by their names (経済, not `economy`), in the form's order.
 */
export function snapshotText(input: ArticleFormValues, categoryNames = DEFAULT_CATEGORY_NAMES): string {
  const scalars = (group: string) =>
    articleFieldEntries
      .filter(([, declaration]) => declaration.group === group)
      .flatMap(([name, declaration]) => {
        const value = optionLabel(name, input[name], categoryNames);
        if (group === 'sources' && !value) return [];
        const [first = '', ...rest] = value.split('\n');
        return [`${declaration.diffLabel ?? declaration.label}: ${first}`.trimEnd(), ...rest];
      });
  return [
    ...scalars('article'),
    ...scalars('image'),
    ...input.sections.flatMap((section) => [
      '',
      `## ${section.heading}${section.cites ? ` ［出典 ${section.cites}］` : ''}`,
      ...(section.image
        ? [
            `［画像 ${section.image}：${section.imageAlt ?? ''}｜${section.imageCaption ?? ''}｜${section.imageCredit ?? ''}｜${section.imageSource ?? ''}］`,
          ]
        : []),
      ...section.body.split(/\n+/),
    ]),
    '',
    `${articleLists.sources.label}:`,
    ...input.sources.map((source, index) =>
      `${index + 1}. ${source.title} ${source.url} ${source.publisher ?? ''} ${source.date ?? ''}`.trimEnd(),
    ),
    ...scalars('sources'),
    '',
    ...scalars('disclosure'),
  ].join('\n');
}
