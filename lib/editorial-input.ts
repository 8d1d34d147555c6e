import { z } from 'zod';
import { httpUrlSchema } from './article-text/document';
import { articleSlugSchema } from './article-text/slug';

/**
 * The editable article, as the admin form sends it and as revisions store it. Pure: shared by the
 * server (authoritative) and the form (for early messages).
 */


export const editorSlugSchema = z.string().trim().min(1, 'スラッグを入力してください').pipe(articleSlugSchema);

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `${max}文字以内にしてください`)
    .transform((value) => value || null);

const citeList = z
  .string()
  .trim()
  .max(200)
  .regex(/^[0-9,、\s]*$/, '出典番号は数字をカンマで区切って入力してください');

export const sectionInputSchema = z.object({
  heading: z.string().trim().max(200, '見出しは200文字以内にしてください'),
  body: z.string().trim().max(20_000, '本文は20,000文字以内にしてください'),
  /** Source numbers this section cites besides its inline [n] markers, e.g. "1, 3". */
  cites: citeList.default(''),
});

export function parseCiteList(value: string): number[] {
  return value
    .split(/[,、\s]+/)
    .filter(Boolean)
    .map(Number)
    .filter((n) => Number.isInteger(n) && n > 0);
}

export const sourceInputSchema = z.object({
  title: z.string().trim().min(1, '出典の題名を入力してください').max(500),
  url: httpUrlSchema,
  publisher: optionalText(200),
  date: z
    .string()
    .trim()
    .regex(/^(\d{4}-\d{2}-\d{2})?$/, '日付は YYYY-MM-DD で入力してください')
    .transform((value) => value || null),
});

export const articleInputSchema = z.object({
  title: z.string().trim().min(1, 'タイトルを入力してください').max(300, 'タイトルは300文字以内にしてください'),
  slug: editorSlugSchema,
  datelineDate: z
    .string()
    .trim()
    .regex(/^(\d{4}-\d{2}-\d{2})?$/, '日付は YYYY-MM-DD で入力してください'),
  datelineTime: z
    .string()
    .trim()
    .regex(/^(\d{2}:\d{2})?$/, '時刻は HH:MM で入力してください'),
  place: optionalText(100),
  category: z.string().regex(/^[a-z0-9-]+$/, 'カテゴリを選んでください'),
  tags: z
    .string()
    .max(1000)
    .transform((value) => [...new Set(value.split(/[,、，]/).map((tag) => tag.trim()).filter(Boolean))])
    .pipe(z.array(z.string().max(50, 'タグは50文字以内にしてください')).max(20, 'タグは20個までです')),
  lead: z.string().trim().max(5000, 'リードは5,000文字以内にしてください'),
  sections: z.array(sectionInputSchema).max(50, '節は50個までです'),
  sources: z.array(sourceInputSchema).max(100, '出典は100件までです'),
  disclosure: z.enum(['ai-generated', 'ai-assisted', 'human'], { message: '制作方法を選んでください' }).or(z.literal('')),
  /** analysis pieces are marked up as AnalysisNewsArticle. */
  kind: z.enum(['news', 'analysis'], { message: '記事の種類を選んでください' }).default('news'),
  disclaimer: z.string().trim().max(2000, '注記は2,000文字以内にしてください'),
  reviewedBy: optionalText(100),
  reviewedAt: z
    .string()
    .trim()
    .regex(/^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2})?$/, '確認日時の形式が正しくありません')
    .transform((value) => value || null),
  /** Required to publish an AI article with no source: readers are told why. */
  noSourcesReason: optionalText(500).default(''),
  modelName: optionalText(100).default(''),
  modelVersion: optionalText(100).default(''),
  promptTemplateVersion: optionalText(100).default(''),
  sourcesRetrievedAt: z
    .string()
    .trim()
    .regex(/^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2})?$/, '取得日時の形式が正しくありません')
    .default('')
    .transform((value) => value || null),
});

export type ArticleInput = z.output<typeof articleInputSchema>;
export type ArticleFormValues = z.input<typeof articleInputSchema>;
export type FieldErrors = Partial<Record<string, string>>;

export const INTENTS = ['draft', 'publish', 'schedule', 'unpublish'] as const;
export type SaveIntent = (typeof INTENTS)[number];

/** Asia/Tokyo wall time → instant. */
export function tokyoDateTime(date: string, time: string): Date | null {
  if (!date) return null;
  const instant = new Date(`${date}T${time || '00:00'}:00+09:00`);
  return Number.isNaN(instant.getTime()) ? null : instant;
}

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
  // The site promises sources on every AI article (/about/ai): none is allowed only with a reason.
  if (input.disclosure !== 'human' && input.sources.length === 0 && !input.noSourcesReason) {
    errors.noSourcesReason = '出典のないAI記事は公開できません。出典を加えるか、出典がない理由を書いてください（読者に表示されます）';
  }
  if (!input.lead) errors.lead = '公開するにはリードが必要です';
  return errors;
}

/** The form's flat FormData (sections.0.heading …) as the nested object the schema reads. */
export function formDataToInput(form: FormData): ArticleFormValues {
  const text = (name: string) => {
    const value = form.get(name);
    return typeof value === 'string' ? value : '';
  };
  const rows = (prefix: string, fields: string[]) => {
    const indexes = new Set<number>();
    for (const key of form.keys()) {
      const match = new RegExp(`^${prefix}\\.(\\d+)\\.`).exec(key);
      if (match) indexes.add(Number(match[1]));
    }
    return [...indexes].sort((a, b) => a - b).map((index) => Object.fromEntries(fields.map((field) => [field, text(`${prefix}.${index}.${field}`)])));
  };
  return {
    title: text('title'),
    slug: text('slug'),
    datelineDate: text('datelineDate'),
    datelineTime: text('datelineTime'),
    place: text('place'),
    category: text('category'),
    tags: text('tags'),
    lead: text('lead'),
    sections: rows('sections', ['heading', 'body', 'cites']) as { heading: string; body: string; cites: string }[],
    sources: rows('sources', ['title', 'url', 'publisher', 'date']) as { title: string; url: string; publisher: string; date: string }[],
    disclosure: text('disclosure') as ArticleFormValues['disclosure'],
    kind: (text('kind') || 'news') as ArticleFormValues['kind'],
    noSourcesReason: text('noSourcesReason'),
    disclaimer: text('disclaimer'),
    reviewedBy: text('reviewedBy'),
    reviewedAt: text('reviewedAt'),
    modelName: text('modelName'),
    modelVersion: text('modelVersion'),
    promptTemplateVersion: text('promptTemplateVersion'),
    sourcesRetrievedAt: text('sourcesRetrievedAt'),
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

/** A readable, line-based rendering of an article, for diffs between revisions. */
export function snapshotText(input: ArticleFormValues): string {
  return [
    `タイトル: ${input.title}`,
    `スラッグ: ${input.slug}`,
    `日時: ${input.datelineDate} ${input.datelineTime}`.trimEnd(),
    `場所: ${input.place ?? ''}`,
    `カテゴリ: ${input.category}`,
    `タグ: ${input.tags}`,
    `制作方法: ${input.disclosure}`,
    `種類: ${input.kind ?? 'news'}`,
    `注記: ${input.disclaimer}`,
    `確認者: ${input.reviewedBy ?? ''} ${input.reviewedAt ?? ''}`.trimEnd(),
    `生成: ${input.modelName ?? ''} ${input.modelVersion ?? ''} / テンプレート ${input.promptTemplateVersion ?? ''} / 資料取得 ${input.sourcesRetrievedAt ?? ''}`.trimEnd(),
    '',
    `リード: ${input.lead}`,
    ...input.sections.flatMap((section) => ['', `## ${section.heading}${section.cites ? ` ［出典 ${section.cites}］` : ''}`, ...section.body.split(/\n+/)]),
    '',
    '参考・出典:',
    ...input.sources.map((source, index) => `${index + 1}. ${source.title} ${source.url} ${source.publisher ?? ''} ${source.date ?? ''}`.trimEnd()),
    ...(input.noSourcesReason ? [`出典がない理由: ${input.noSourcesReason}`] : []),
  ].join('\n');
}
