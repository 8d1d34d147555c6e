import { z } from 'zod';
import { articleKindSchema, disclosureSchema, httpUrlSchema, TAG_MAX_LENGTH, TAGS_MAX } from './text/primitives';
import { STANDARD_DISCLAIMER } from './text/site-text';
import { articleSlugSchema, SLUG_MAX_LENGTH, SLUG_PATTERN } from '../routes/slug';
import { toTokyoDateKey, toTokyoIso } from '../format/dates';
import { DISCLOSURE_LABELS, disclosureFromDb, disclosureToDb, type DisclosureKind } from './disclosure';
import { IMAGE_SOURCE_LABELS, IMAGE_SOURCES, type ImageSourceKind } from '../media/renditions';
import type { Article, Section, Source } from '../generated/prisma/client';
import { citationsIn, parseCiteList, sectionCites } from './citations';

/**
 * The article's fields, declared once, in the manner of Payload's collection config. Each
 * declaration holds the field's validation, its form widget and label, its label in revision diffs,
 * how it is stored and read back, where it sits in the JSON document that imports and the API take
 * (`document`), and whether readers see it as it is stored (`public`). Derived from here: the zod
 * schema, the form, the blank values, the revision snapshot and diff, the Prisma select, the
 * importer's mapping (lib/articles/input.ts, lib/articles/writer.ts, lib/editorial/import-mapping.ts,
 * components/admin/ArticleForm.client.tsx), the JSON document's schema and docs/article.schema.json
 * (lib/articles/text/document.ts), and the public projection (lib/articles/public.ts).
 *
 * Adding a field: docs/adding-a-field.md. Pure, with no `server-only`: the form imports it too.
 */

/**
 * A stored article as the declarations read it: Prisma's own type of the row, with the relations
 * the declarations select. A misspelt column does not compile; fields.test.ts holds each reader to
 * the columns its `select` asks for.
 */
export type StoredArticle = Article & {
  category: { slug: string };
  tags: { tag: { name: string; slug: string } }[];
};

/** The article's nullable text columns: what `textColumn` may store a field in. */
type TextColumn = {
  [C in keyof Article]-?: Article[C] extends string | null ? (null extends Article[C] ? C : never) : never;
}[keyof Article];

/** What a field's writer may look at besides its own value. */
export type WholeInput = {
  readonly datelineDate: string;
  readonly datelineTime: string;
  readonly sources: readonly unknown[];
};

export type Widget =
  | { type: 'text'; maxLength?: number; pattern?: string; inputMode?: 'numeric' }
  | { type: 'date' | 'time' | 'datetime-local' | 'url' }
  | { type: 'textarea'; rows: number }
  /** `options: 'categories'`: the site's categories, which live in the database. */
  | { type: 'select'; options: readonly { value: string; label: string }[] | 'categories' | 'editors' }
  /** An uploaded image's id: the form shows a file picker that uploads, and a preview. */
  | { type: 'image' };

/** Where the field sits in the form: its block, and its width on a wide screen. */
export type Placement = { group: 'article' | 'image' | 'sources' | 'disclosure'; width: 'full' | 'half' | 'third' };

export type ImportContext = {
  slug: string;
  category: string;
  place: string | null;
  publishedAt: Date;
  noSourcesReason: string | null;
  /** Loaded as demo content (the seed, the demo articles, test fixtures). */
  demo: boolean;
};

/**
 * Where a field sits in the JSON document (docs/article.schema.json): its key (under `generation`
 * for the generation record), and its value's schema — `'text'` for a trimmed, non-empty string up
 * to the field's own limit, `'text?'` for the same, optional. `toForm` turns the value into the
 * form's string (default: as it is).
 */
export type DocumentBinding = {
  key: string;
  in?: 'generation';
  value: 'text' | 'text?' | z.ZodType;
  toForm?: (value: never) => string | null | undefined;
};

/** A binding to a key of the document; `toForm` is typed by the value's own schema. */
export function bind<const K extends string, V extends 'text' | 'text?' | z.ZodType>(
  key: K,
  value: V,
  toForm?: (value: V extends z.ZodType ? NonNullable<z.output<V>> : string) => string | null | undefined,
): { key: K; value: V; toForm?: (value: never) => string | null | undefined } {
  return { key, value, toForm };
}
/** The same, under the document's `generation` record. */
export function bindGeneration<const K extends string, V extends 'text' | 'text?' | z.ZodType>(
  key: K,
  value: V,
  toForm?: (value: V extends z.ZodType ? NonNullable<z.output<V>> : string) => string | null | undefined,
): { key: K; in: 'generation'; value: V; toForm?: (value: never) => string | null | undefined } {
  return { key, in: 'generation', value, toForm };
}

type Stored<S extends z.ZodType<unknown, string>> = {
  select: Record<string, unknown>;
  read: (row: StoredArticle) => string;
  /** Columns to write. Absent for a relation that the writer resolves itself (category, tags). */
  write?: (value: z.output<S>, whole: WholeInput) => Record<string, unknown>;
  /** The column, for a field stored as one text column (`textColumn`). */
  column?: TextColumn;
};

type FieldDeclaration<S extends z.ZodType<unknown, string>> = Placement & {
  label: string;
  /** The label in revision diffs, when it should differ from the form's. */
  diffLabel?: string;
  hint?: string;
  widget: Widget;
  schema: S;
  blank: (now: Date) => string;
  stored: Stored<S>;
  /** Its place in the JSON document; the importer sets the field from it (unless `fromContext`). */
  document?: DocumentBinding;
  /**
   * What the importer sets it from when the import decides it (the command's flags, defaults):
   * the slug, the dateline, the category. Absent with no `document` either: an import leaves it blank.
   */
  fromContext?: (context: ImportContext) => string | null | undefined;
  /**
   * Readers see it as stored: the public projection carries the column as it is (string or null),
   * under the column's name. Only for fields stored in one text column.
   */
  public?: true;
  /** Shown in the form only when this holds (the field keeps its value while hidden). */
  shownWhen?: (values: { sources: readonly unknown[] }) => boolean;
};

/** A document as the importer reads it, keyed as the bindings say. */
export type DocumentValues = {
  readonly [key: string]: unknown;
  readonly generation?: { readonly [key: string]: unknown };
};

/** The importer's value for a field: from the import's context, or from its key in the document. */
function importedValue(
  declaration: { document?: DocumentBinding; fromContext?: (context: ImportContext) => string | null | undefined },
  document: DocumentValues,
  context: ImportContext,
): string | null | undefined {
  if (declaration.fromContext) return declaration.fromContext(context);
  const binding = declaration.document;
  if (!binding) return undefined;
  const value = binding.in ? document[binding.in]?.[binding.key] : document[binding.key];
  if (value === undefined || value === null) return undefined;
  return binding.toForm ? binding.toForm(value as never) : String(value);
}

const field = <
  S extends z.ZodType<unknown, string>,
  const D extends DocumentBinding | undefined = undefined,
  const P extends true | undefined = undefined,
  const C extends TextColumn | undefined = undefined,
>(
  declaration: FieldDeclaration<S> & { document?: D; public?: P; stored: Stored<S> & { column?: C } },
) =>
  ({
    ...declaration,
    /** What the importer sets it from (derived from `fromContext` and `document`). */
    fromDocument: (document: DocumentValues, context: ImportContext) => importedValue(declaration, document, context),
  }) as Omit<FieldDeclaration<S>, 'document' | 'public' | 'stored'> & {
    document: D;
    public: P;
    stored: Stored<S> & { column: C };
    fromDocument: (document: DocumentValues, context: ImportContext) => string | null | undefined;
  };

// ---- Building blocks ----

/** HH:MM in Japan, what a new article's form starts with. */
const tokyoMinuteOfDay = (date: Date) => toTokyoIso(date).slice(11, 16);
/**
 * The time of day in Japan as precisely as the instant holds it: HH:MM, HH:MM:SS, or HH:MM:SS.mmm.
 * A time imported or scheduled to the second is read back, and written again, to the second: the
 * form's round trip never moves a publication to the start of its minute (which published a
 * scheduled article up to 59 s early).
 */
const tokyoTime = (date: Date) => {
  const iso = toTokyoIso(date);
  const [minute, seconds, millis] = [iso.slice(11, 16), iso.slice(17, 19), date.getUTCMilliseconds()];
  if (seconds === '00' && millis === 0) return minute;
  return millis === 0 ? `${minute}:${seconds}` : `${minute}:${seconds}.${String(millis).padStart(3, '0')}`;
};
const tokyoMinute = (date: Date | null | undefined) => (date ? toTokyoIso(date).slice(0, 16) : '');
const fromTokyoMinute = (value: string | null) => (value ? new Date(`${value}:00+09:00`) : null);

/** The time of day as the form and the importer give it: minutes, optionally seconds and milliseconds. */
const TIME_OF_DAY = /^\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?$/;

/** Asia/Tokyo wall time → instant, to the millisecond given. */
export function tokyoDateTime(date: string, time: string): Date | null {
  if (!date) return null;
  const clock = time || '00:00';
  if (!TIME_OF_DAY.test(clock)) return null;
  const instant = new Date(`${date}T${clock.length === 5 ? `${clock}:00` : clock}+09:00`);
  return Number.isNaN(instant.getTime()) ? null : instant;
}

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `${max}文字以内にしてください`)
    .transform((value) => value || null);

const minuteText = (message: string) =>
  z
    .string()
    .trim()
    .regex(/^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2})?$/, message)
    .transform((value) => value || null);

/** A nullable text column, read back as '' when empty. */
const textColumn = <const C extends TextColumn>(column: C) => ({
  column,
  select: { [column]: true },
  read: (row: StoredArticle) => row[column] ?? '',
  write: (value: string | null) => ({ [column]: value }),
});

type TimeColumn = 'reviewedAt' | 'sourcesRetrievedAt';
/** A timestamp column entered as Japan-time minutes. */
const minuteColumn = (column: TimeColumn) => ({
  select: { [column]: true },
  read: (row: StoredArticle) => tokyoMinute(row[column]),
  write: (value: string | null) => ({ [column]: fromTokyoMinute(value) }),
});

/** A document's date-time (ISO 8601 with an offset), as the form's Japan-time minutes. */
const isoDateTime = z.iso.datetime({ offset: true });
const isoToTokyoMinute = (value: string) => tokyoMinute(new Date(value));

/** An uploaded image, by its id ('' for none). */
const imageIdText = z
  .string()
  .trim()
  .regex(/^(\d{1,9})?$/, '画像の指定が正しくありません')
  .transform((value) => (value ? Number(value) : null));

const imageSourceOptions = [
  { value: '', label: '選んでください' },
  ...IMAGE_SOURCES.map((value) => ({ value, label: IMAGE_SOURCE_LABELS[value] })),
];
const imageSourceText = z
  .string()
  .pipe(z.enum(IMAGE_SOURCES, { message: '画像の種類を選んでください' }).or(z.literal('')));

/** The database spells ai-generated with an underscore, as it does the disclosure. */
export const imageSourceToDb = (value: ImageSourceKind | '' | null | undefined) =>
  value ? (value.replace('-', '_') as 'photograph' | 'ai_generated' | 'illustration') : null;
export const imageSourceFromDb = (value: string | null | undefined): ImageSourceKind | '' =>
  value ? (value.replace('_', '-') as ImageSourceKind) : '';

const publishedAt = (row: StoredArticle) => row.publishedAt;
const blank = () => '';

export const KIND_LABELS = { news: 'ニュース', analysis: '解説', live: 'ライブ（速報の更新を続ける）' } as const;
export const INDEXING_LABELS = {
  index: '検索エンジンとサイトマップに載せる',
  demo: 'デモ記事（検索エンジンに載せない）',
} as const;

// ---- The declaration ----

export const articleFields = {
  title: field({
    label: 'タイトル',
    group: 'article',
    width: 'full',
    widget: { type: 'text', maxLength: 300 },
    schema: z.string().trim().min(1, 'タイトルを入力してください').max(300, 'タイトルは300文字以内にしてください'),
    blank,
    stored: { select: { title: true }, read: (row) => row.title, write: (value) => ({ title: value }) },
    document: bind('title', 'text'),
  }),
  slug: field({
    label: 'スラッグ（URL）',
    diffLabel: 'スラッグ',
    hint: '半角英小文字・数字とハイフン。新しい記事ではタイトルと日付から提案します（書き換えられます）。公開後に変えると、古い URL は新しい URL へ転送されます。',
    group: 'article',
    width: 'full',
    widget: { type: 'text', maxLength: 100, pattern: '[a-z0-9]+(-[a-z0-9]+)*' },
    schema: z.string().trim().min(1, 'スラッグを入力してください').pipe(articleSlugSchema),
    blank,
    stored: { select: { slug: true }, read: (row) => row.slug, write: (value) => ({ slug: value }) },
    document: bind('slug', z.string().regex(SLUG_PATTERN).max(SLUG_MAX_LENGTH).optional()),
    fromContext: (context) => context.slug,
  }),
  subtitle: field({
    label: '副題',
    hint: '見出しの下に表示します（任意）。検索エンジンには alternativeHeadline として示します',
    group: 'article',
    width: 'full',
    widget: { type: 'text', maxLength: 200 },
    schema: optionalText(200),
    blank,
    stored: textColumn('subtitle'),
    document: bind('subtitle', 'text?'),
    public: true,
  }),
  datelineDate: field({
    label: '日付（日本時間）',
    diffLabel: '日付',
    group: 'article',
    width: 'third',
    widget: { type: 'date' },
    schema: z
      .string()
      .trim()
      .regex(/^(\d{4}-\d{2}-\d{2})?$/, '日付は YYYY-MM-DD で入力してください'),
    blank: (now) => toTokyoDateKey(now),
    // Date and time are one column: the date's writer writes both.
    stored: {
      select: { publishedAt: true },
      read: (row) => (publishedAt(row) ? toTokyoDateKey(publishedAt(row)!) : ''),
      write: (value, whole) => ({ publishedAt: tokyoDateTime(value, whole.datelineTime) }),
    },
    // The document's publishedAt is the import context's (the command's flag may override it).
    document: bind('publishedAt', isoDateTime.optional()),
    fromContext: (context) => toTokyoDateKey(context.publishedAt),
  }),
  datelineTime: field({
    label: '時刻（日本時間）',
    diffLabel: '時刻',
    group: 'article',
    width: 'third',
    widget: { type: 'time' },
    schema: z
      .string()
      .trim()
      .refine(
        (value) => value === '' || TIME_OF_DAY.test(value),
        '時刻は HH:MM（秒まで指定するときは HH:MM:SS）で入力してください',
      ),
    blank: (now) => tokyoMinuteOfDay(now),
    stored: { select: { publishedAt: true }, read: (row) => (publishedAt(row) ? tokyoTime(publishedAt(row)!) : '') },
    fromContext: (context) => tokyoTime(context.publishedAt),
  }),
  place: field({
    label: '場所',
    group: 'article',
    width: 'third',
    widget: { type: 'text', maxLength: 100 },
    schema: optionalText(100),
    blank,
    stored: textColumn('datelinePlace'),
    document: bind('datelinePlace', 'text?'),
    fromContext: (context) => context.place,
    public: true,
  }),
  category: field({
    label: 'カテゴリ',
    group: 'article',
    width: 'half',
    widget: { type: 'select', options: 'categories' },
    schema: z.string().regex(/^[a-z0-9-]+$/, 'カテゴリを選んでください'),
    blank: () => 'world',
    // A relation: saveArticle looks up the category's id.
    stored: {
      select: { category: { select: { slug: true } } },
      read: (row) => row.category.slug,
    },
    document: bind(
      'category',
      z
        .string()
        .regex(/^[a-z0-9-]+$/)
        .optional(),
    ),
    fromContext: (context) => context.category,
  }),
  tags: field({
    label: 'タグ',
    hint: '読点またはカンマで区切ります',
    group: 'article',
    width: 'half',
    widget: { type: 'text' },
    schema: z
      .string()
      .max(1000)
      .transform((value) => [
        ...new Set(
          value
            .split(/[,、，]/)
            .map((tag) => tag.trim())
            .filter(Boolean),
        ),
      ])
      .pipe(
        z
          .array(z.string().max(TAG_MAX_LENGTH, `タグは${TAG_MAX_LENGTH}文字以内にしてください`))
          .max(TAGS_MAX, `タグは${TAGS_MAX}個までです`),
      ),
    blank,
    // A relation: saveArticle creates the tags it names.
    stored: {
      select: { tags: { select: { tag: { select: { name: true, slug: true } } } } },
      read: (row) => row.tags.map(({ tag }) => tag.name).join(', '),
    },
    document: bind('tags', z.array(z.string().trim().min(1).max(TAG_MAX_LENGTH)).max(TAGS_MAX).optional(), (tags) =>
      tags.join(', '),
    ),
  }),
  lead: field({
    label: 'リード',
    group: 'article',
    width: 'full',
    widget: { type: 'textarea', rows: 4 },
    schema: z.string().trim().max(5000, 'リードは5,000文字以内にしてください'),
    blank,
    stored: { select: { lead: true }, read: (row) => row.lead, write: (value) => ({ lead: value }) },
    document: bind('lead', 'text'),
  }),
  leadImage: field({
    label: 'メイン画像',
    diffLabel: 'メイン画像',
    hint: 'JPEG・PNG・WebP・AVIF、15MBまで。位置情報などの撮影データは取り除かれます。横1200px以上を推奨',
    group: 'image',
    width: 'full',
    widget: { type: 'image' },
    schema: imageIdText,
    blank,
    stored: {
      select: { leadImageId: true },
      read: (row) => (row.leadImageId ? String(row.leadImageId) : ''),
      write: (value) => ({ leadImageId: value }),
    },
  }),
  leadImageAlt: field({
    label: '画像の代替テキスト（必須）',
    diffLabel: '画像の代替テキスト',
    hint: '画像が見えない読者に、何が写っているかを伝える文',
    group: 'image',
    width: 'full',
    widget: { type: 'text', maxLength: 300 },
    schema: optionalText(300),
    blank,
    stored: textColumn('leadImageAlt'),
  }),
  leadImageCaption: field({
    label: 'キャプション',
    group: 'image',
    width: 'full',
    widget: { type: 'text', maxLength: 300 },
    schema: optionalText(300),
    blank,
    stored: textColumn('leadImageCaption'),
  }),
  leadImageCredit: field({
    label: 'クレジット',
    hint: '撮影者・提供元など',
    group: 'image',
    width: 'half',
    widget: { type: 'text', maxLength: 200 },
    schema: optionalText(200),
    blank,
    stored: textColumn('leadImageCredit'),
  }),
  leadImageSource: field({
    label: '画像の種類',
    hint: '読者に表示し、検索エンジンには IPTC の digitalSourceType で伝えます',
    group: 'image',
    width: 'half',
    widget: { type: 'select', options: imageSourceOptions },
    schema: imageSourceText,
    blank,
    stored: {
      select: { leadImageSource: true },
      read: (row) => imageSourceFromDb(row.leadImageSource),
      write: (value) => ({ leadImageSource: imageSourceToDb(value) }),
    },
  }),
  noSourcesReason: field({
    label: '出典がない理由',
    hint: '出典のないAI記事は、理由を書いたときだけ公開できます。理由は記事の「参考・出典」と「この記事について」に表示されます',
    group: 'sources',
    width: 'full',
    widget: { type: 'textarea', rows: 2 },
    schema: optionalText(500),
    blank,
    stored: {
      ...textColumn('noSourcesReason'),
      // Kept only while there is no source: a reason for an absence that no longer holds would mislead.
      write: (value, whole) => ({ noSourcesReason: whole.sources.length === 0 ? value : null }),
    },
    document: bind('noSourcesReason', 'text?'),
    fromContext: (context) => context.noSourcesReason,
    public: true,
    shownWhen: (values) => values.sources.length === 0,
  }),
  disclosure: field({
    label: '制作方法',
    group: 'disclosure',
    width: 'full',
    widget: {
      type: 'select',
      options: [
        { value: '', label: '選んでください' },
        ...Object.entries(DISCLOSURE_LABELS).map(([value, label]) => ({ value, label })),
      ],
    },
    schema: z.enum(disclosureSchema.options, { message: '制作方法を選んでください' }).or(z.literal('')),
    blank: () => 'ai-generated',
    stored: {
      select: { disclosure: true },
      read: (row) => disclosureFromDb(row.disclosure),
      write: (value) => ({ disclosure: disclosureToDb((value || 'ai-generated') as DisclosureKind) }),
    },
    document: bind('disclosure', disclosureSchema.optional()),
  }),
  kind: field({
    label: '記事の種類',
    diffLabel: '種類',
    hint: '解説は検索エンジンに AnalysisNewsArticle として、ライブは LiveBlogPosting として示します。ライブの更新は保存後の「ライブ」画面から投稿します',
    group: 'disclosure',
    width: 'full',
    widget: { type: 'select', options: Object.entries(KIND_LABELS).map(([value, label]) => ({ value, label })) },
    schema: z.enum(articleKindSchema.options, { message: '記事の種類を選んでください' }),
    blank: () => 'news',
    stored: { select: { kind: true }, read: (row) => row.kind, write: (value) => ({ kind: value }) },
    document: bind('kind', articleKindSchema.optional()),
  }),
  indexing: field({
    label: '検索エンジン',
    hint: 'デモや試験の記事は検索エンジンに載せず、サイトマップにも入れません',
    group: 'disclosure',
    width: 'full',
    widget: { type: 'select', options: Object.entries(INDEXING_LABELS).map(([value, label]) => ({ value, label })) },
    schema: z.enum(['index', 'demo'], { message: '検索エンジンの扱いを選んでください' }),
    blank: () => 'index',
    stored: {
      select: { demo: true },
      read: (row) => (row.demo ? 'demo' : 'index'),
      write: (value) => ({ demo: value === 'demo' }),
    },
    fromContext: (context) => (context.demo ? 'demo' : 'index'),
  }),
  disclaimer: field({
    label: '注記（記事の冒頭に表示）',
    diffLabel: '注記',
    group: 'disclosure',
    width: 'full',
    widget: { type: 'textarea', rows: 3 },
    schema: z.string().trim().max(2000, '注記は2,000文字以内にしてください'),
    blank: () => STANDARD_DISCLAIMER,
    stored: {
      select: { disclaimer: true },
      read: (row) => row.disclaimer,
      write: (value) => ({ disclaimer: value || STANDARD_DISCLAIMER }),
    },
    document: bind('disclaimer', 'text?'),
  }),
  reviewedBy: field({
    label: '内容を確認した人',
    diffLabel: '確認者',
    group: 'disclosure',
    width: 'half',
    widget: { type: 'text', maxLength: 100 },
    schema: optionalText(100),
    blank,
    stored: textColumn('reviewedBy'),
    document: bind('reviewedBy', 'text?'),
    public: true,
  }),
  reviewedAt: field({
    label: '確認日時（日本時間）',
    diffLabel: '確認日時',
    group: 'disclosure',
    width: 'half',
    widget: { type: 'datetime-local' },
    schema: minuteText('確認日時の形式が正しくありません'),
    blank,
    stored: minuteColumn('reviewedAt'),
    document: bind('reviewedAt', isoDateTime.optional(), isoToTokyoMinute),
  }),
  editor: field({
    label: '担当編集者（署名）',
    diffLabel: '担当編集者',
    hint: '記事に責任を持つ編集者。記事に署名として表示し、プロフィールへリンクします',
    group: 'disclosure',
    width: 'full',
    widget: { type: 'select', options: 'editors' },
    schema: z
      .string()
      .trim()
      .max(100)
      .transform((value) => value || null),
    blank,
    // A relation to users: saveArticle checks that the editor exists.
    stored: {
      select: { editorId: true },
      read: (row) => row.editorId ?? '',
      write: (value) => ({ editorId: value }),
    },
  }),
  modelName: field({
    label: '生成モデル',
    group: 'disclosure',
    width: 'half',
    widget: { type: 'text', maxLength: 100 },
    schema: optionalText(100),
    blank,
    stored: textColumn('modelName'),
    document: bindGeneration('model', 'text?'),
  }),
  modelVersion: field({
    label: 'モデルの版',
    group: 'disclosure',
    width: 'half',
    widget: { type: 'text', maxLength: 100 },
    schema: optionalText(100),
    blank,
    stored: textColumn('modelVersion'),
    document: bindGeneration('modelVersion', 'text?'),
  }),
  promptTemplateVersion: field({
    label: '指示テンプレートの版',
    group: 'disclosure',
    width: 'half',
    widget: { type: 'text', maxLength: 100 },
    schema: optionalText(100),
    blank,
    stored: textColumn('promptTemplateVersion'),
    document: bindGeneration('promptTemplateVersion', 'text?'),
  }),
  sourcesRetrievedAt: field({
    label: '資料の取得日時（日本時間）',
    diffLabel: '資料の取得日時',
    group: 'disclosure',
    width: 'half',
    widget: { type: 'datetime-local' },
    schema: minuteText('取得日時の形式が正しくありません'),
    blank,
    stored: minuteColumn('sourcesRetrievedAt'),
    document: bindGeneration('sourcesRetrievedAt', isoDateTime.optional(), isoToTokyoMinute),
  }),
};

export type ArticleFieldName = keyof typeof articleFields;
export type AnyFieldDeclaration = FieldDeclaration<z.ZodType<unknown, string>> & {
  fromDocument: (document: DocumentValues, context: ImportContext) => string | null | undefined;
};

/** The declarations in form order, for code that walks every field. */
export const articleFieldEntries = Object.entries(articleFields) as [ArticleFieldName, AnyFieldDeclaration][];

// ---- The public projection: what readers see of the declared fields as they are stored ----

type Fields = typeof articleFields;
/** The columns of the fields declared `public: true`. */
export type PublicColumn = {
  [K in keyof Fields]: Fields[K] extends { public: true; stored: { column: infer C extends TextColumn } } ? C : never;
}[keyof Fields];
/** Those columns' values, as the article page receives them (views.ts's ArticleView carries them). */
export type PublicTexts = { [C in PublicColumn]: Article[C] };

const publicColumns: readonly PublicColumn[] = articleFieldEntries.flatMap(([, declaration]) =>
  declaration.public && declaration.stored.column ? [declaration.stored.column as PublicColumn] : [],
);

/** The public fields' part of the article page's select. */
export const publicTextSelect = Object.fromEntries(publicColumns.map((column) => [column, true])) as {
  [C in PublicColumn]: true;
};

/** The public fields' values from a row that selected them. */
export function publicTexts(row: Pick<Article, PublicColumn>): PublicTexts {
  return Object.fromEntries(publicColumns.map((column) => [column, row[column]])) as PublicTexts;
}

// ---- The two lists: sections and sources ----

const citeList = z
  .string()
  .trim()
  .max(200)
  .regex(/^[0-9,、\s]*$/, '出典番号は数字をカンマで区切って入力してください');

const sectionItem = z.object({
  heading: z.string().trim().max(200, '見出しは200文字以内にしてください'),
  body: z.string().trim().max(20_000, '本文は20,000文字以内にしてください'),
  /** Source numbers this section cites besides its inline [n] markers, e.g. "1, 3". */
  cites: citeList,
  // Defaults, so that revisions saved before sections had images read back.
  image: imageIdText.prefault(''),
  imageAlt: optionalText(300).prefault(''),
  imageCaption: optionalText(300).prefault(''),
  imageCredit: optionalText(200).prefault(''),
  imageSource: imageSourceText.prefault(''),
});
type SectionItem = z.output<typeof sectionItem>;

const sourceItem = z.object({
  title: z.string().trim().min(1, '出典の題名を入力してください').max(500),
  url: httpUrlSchema,
  publisher: optionalText(200),
  date: z
    .string()
    .trim()
    .regex(/^(\d{4}-\d{2}-\d{2})?$/, '日付は YYYY-MM-DD で入力してください')
    .transform((value) => value || null),
});
type SourceItem = z.output<typeof sourceItem>;

/**
 * An item field: its label and widget, and how it is stored in its row (`Section` or `Source`):
 * the columns it reads, how it reads them back as the form's text, and what it writes.
 */
type ItemField<Row = never, Item = never> = {
  label: string;
  hint?: string;
  widget: Widget;
  stored: {
    columns: readonly (keyof Row & string)[];
    read: (row: Row) => string;
    write: (item: Item, list: { sourceCount: number }) => Partial<Row>;
  };
};
type AnyItemField = { label: string; hint?: string; widget: Widget };

/**
 * Sections and sources are lists of rows, each stored in its own table; their item fields are
 * declared here, and saveArticle writes the rows.
 */
export const articleLists = {
  sections: {
    label: '本文の節',
    itemLabel: '節',
    max: 50,
    maxMessage: '節は50個までです',
    item: sectionItem,
    fields: {
      heading: {
        label: '見出し',
        widget: { type: 'text' },
        stored: { columns: ['heading'], read: (row) => row.heading, write: (item) => ({ heading: item.heading }) },
      },
      body: {
        label: '本文',
        hint: '改行（Enter）ごとに新しい段落になります。出典は本文中に [1] のように番号で示せます',
        widget: { type: 'textarea', rows: 6 },
        stored: { columns: ['body'], read: (row) => row.body, write: (item) => ({ body: item.body }) },
      },
      cites: {
        label: 'が依拠する出典の番号',
        hint: '本文の [n] のほかに示す番号をカンマで区切って入力',
        widget: { type: 'text', inputMode: 'numeric' },
        stored: {
          // Stored: every source the section cites. Read back: only those its text does not show as [n].
          columns: ['cites', 'body'],
          read: (row) => row.cites.filter((n) => !citationsIn(row.body).includes(n)).join(', '),
          write: (item, { sourceCount }) => ({
            cites: sectionCites(item.body, parseCiteList(item.cites), sourceCount),
          }),
        },
      },
      image: {
        label: 'の画像',
        hint: '節の見出しの下に表示します（任意）',
        widget: { type: 'image' },
        stored: {
          columns: ['imageId'],
          read: (row) => (row.imageId ? String(row.imageId) : ''),
          write: (item) => ({ imageId: item.image }),
        },
      },
      // An image's words are kept only with an image.
      imageAlt: {
        label: 'の画像の代替テキスト',
        widget: { type: 'text' },
        stored: {
          columns: ['imageAlt'],
          read: (row) => row.imageAlt ?? '',
          write: (item) => ({ imageAlt: item.image === null ? null : item.imageAlt }),
        },
      },
      imageCaption: {
        label: 'の画像のキャプション',
        widget: { type: 'text' },
        stored: {
          columns: ['imageCaption'],
          read: (row) => row.imageCaption ?? '',
          write: (item) => ({ imageCaption: item.image === null ? null : item.imageCaption }),
        },
      },
      imageCredit: {
        label: 'の画像のクレジット',
        widget: { type: 'text' },
        stored: {
          columns: ['imageCredit'],
          read: (row) => row.imageCredit ?? '',
          write: (item) => ({ imageCredit: item.image === null ? null : item.imageCredit }),
        },
      },
      imageSource: {
        label: 'の画像の種類',
        widget: { type: 'select', options: imageSourceOptions },
        stored: {
          columns: ['imageSource'],
          read: (row) => imageSourceFromDb(row.imageSource),
          write: (item) => ({ imageSource: item.image === null ? null : imageSourceToDb(item.imageSource) }),
        },
      },
    } satisfies Record<string, ItemField<Section, SectionItem>>,
    blankItem: () => ({
      heading: '',
      body: '',
      cites: '',
      image: '',
      imageAlt: '',
      imageCaption: '',
      imageCredit: '',
      imageSource: '',
    }),
  },
  sources: {
    label: '参考・出典',
    itemLabel: '出典',
    max: 100,
    maxMessage: '出典は100件までです',
    item: sourceItem,
    fields: {
      title: {
        label: 'の題名',
        widget: { type: 'text' },
        stored: { columns: ['title'], read: (row) => row.title, write: (item) => ({ title: item.title }) },
      },
      url: {
        label: 'の URL',
        widget: { type: 'url' },
        stored: { columns: ['url'], read: (row) => row.url, write: (item) => ({ url: item.url }) },
      },
      publisher: {
        label: 'の発行元',
        widget: { type: 'text' },
        stored: {
          columns: ['publisher'],
          read: (row) => row.publisher ?? '',
          write: (item) => ({ publisher: item.publisher }),
        },
      },
      date: {
        label: 'の日付',
        widget: { type: 'date' },
        stored: {
          columns: ['accessedAt'],
          read: (row) => (row.accessedAt ? row.accessedAt.toISOString().slice(0, 10) : ''),
          write: (item) => ({ accessedAt: item.date ? new Date(`${item.date}T00:00:00Z`) : null }),
        },
      },
    } satisfies Record<string, ItemField<Source, SourceItem>>,
    blankItem: () => ({ title: '', url: '', publisher: '', date: '' }),
  },
};

type Lists = typeof articleLists;
type ListName = keyof Lists;
type ListFieldMap<L extends ListName> = Lists[L]['fields'];

/**
 * The columns a list's rows are read with, for the editor (every item field's). Typed as the whole
 * row, as StoredArticle is; fields.test.ts holds each item reader to its own columns.
 */
export function listColumns(list: 'sections'): { [C in keyof Section]: true };
export function listColumns(list: 'sources'): { [C in keyof Source]: true };
export function listColumns(list: ListName): Record<string, true> {
  const fields = Object.values(articleLists[list].fields) as { stored: { columns: readonly string[] } }[];
  return Object.fromEntries(fields.flatMap((field) => field.stored.columns.map((column) => [column, true])));
}

/** A stored section as the form holds it. */
export function sectionToForm(row: Section): FormItem<'sections'> {
  return mapItem(articleLists.sections.fields, (field) => field.stored.read(row));
}
/** A stored source as the form holds it. */
export function sourceToForm(row: Source): FormItem<'sources'> {
  return mapItem(articleLists.sources.fields, (field) => field.stored.read(row));
}
/** What a list's item fields write, together: the row's columns, typed by each field's writer. */
type Written<M> = UnionToIntersection<
  { [F in keyof M]: M[F] extends { stored: { write: (...args: never[]) => infer R } } ? R : never }[keyof M]
>;
type UnionToIntersection<U> = (U extends unknown ? (union: U) => void : never) extends (all: infer I) => void
  ? I
  : never;

/** A parsed section's columns, as the writer stores it. */
export function sectionColumns(item: SectionItem, list: { sourceCount: number }): Written<ListFieldMap<'sections'>> {
  return Object.assign(
    {},
    ...Object.values(articleLists.sections.fields).map((field) => field.stored.write(item, list)),
  );
}
/** A parsed source's columns, as the writer stores it. */
export function sourceColumns(item: SourceItem): Written<ListFieldMap<'sources'>> {
  return Object.assign({}, ...Object.values(articleLists.sources.fields).map((field) => field.stored.write(item)));
}

type FormItem<L extends ListName> = { [F in keyof ListFieldMap<L>]: string };
function mapItem<M extends Record<string, object>>(
  fields: M,
  value: (field: M[keyof M]) => string,
): { [F in keyof M]: string } {
  return Object.fromEntries(Object.entries(fields).map(([name, field]) => [name, value(field as M[keyof M])])) as {
    [F in keyof M]: string;
  };
}

/** "節 2 の見出し", "出典 1 の URL": an item field's label as the form and its errors show it. */
export function itemFieldLabel(list: keyof typeof articleLists, index: number, field: string): string {
  const declaration = articleLists[list];
  const label = (declaration.fields as Record<string, AnyItemField>)[field]!.label;
  return `${declaration.itemLabel} ${index + 1} ${label.startsWith('の') || label.startsWith('が') ? label : `の${label}`}`;
}

/**
 * The longest a text field may be, read from its schema (`.max(300)`), through `.prefault()` and
 * `.pipe()`: the form counts characters against it as the editor types, and the save refuses past it.
 */
export function lengthLimit(schema: z.core.$ZodType): number | undefined {
  if (schema instanceof z.ZodString) return schema.maxLength ?? undefined;
  const def = schema._zod.def as { innerType?: z.core.$ZodType; in?: z.core.$ZodType };
  const inner = def.innerType ?? def.in;
  return inner ? lengthLimit(inner) : undefined;
}

/** A select's option label for a stored value, for diffs: 経済, not `economy`. */
export function optionLabel(
  name: ArticleFieldName,
  value: string,
  categoryNames: ReadonlyMap<string, string> = new Map(),
): string {
  const widget = articleFields[name].widget;
  if (widget.type !== 'select') return value;
  if (widget.options === 'categories' || widget.options === 'editors') return categoryNames.get(value) ?? value;
  return widget.options.find((option) => option.value === value)?.label ?? value;
}
