'use client';

import { startTransition, useActionState, useEffect, useRef, useState, useTransition, type ReactNode } from 'react';
import { saveArticleAction, type ArticleFormState } from '@/app/admin/_actions/articles';
import { prePublishChecklistAction } from '@/app/admin/_actions/articles';
import { factsToDecideAction } from '@/app/admin/claims-actions';
import {
  articleFieldEntries,
  articleFields,
  articleLists,
  itemFieldLabel,
  lengthLimit,
  type ArticleFieldName,
  type Placement,
  type Widget,
} from '@/lib/articles/fields';
import { citationsIn } from '@/lib/articles/citations';
import { suggestSlug } from '@/lib/articles/text/slug-suggestion';
import { keyForArticle } from '@/lib/editorial/autosave-keys';
import type { ArticleFormValues, FieldErrors } from '@/lib/articles/input';
import { ImagePicker } from './ImagePicker.client';
import { Field, fieldInputClass as input, type FieldControl } from './FormField';
import { ConfirmSubmit } from './ConfirmSubmit.client';
import { AutosaveOffer, PresenceNotice, useAutosave } from './EditorSession.client';
import { ConflictResolver } from './ConflictResolver.client';
import { UnsavedPreview } from './UnsavedPreview.client';
import { SAVE_BAR_BUTTON } from './save-bar';
import { useLiveArticleState } from './LiveArticleState.client';
import { PublishChecklistDialog, type ChecklistRequest } from './PublishChecklist.client';

type Status = 'draft' | 'scheduled' | 'published';
type Props = {
  id?: number;
  version?: number;
  status?: Status;
  deleted?: boolean;
  initial: ArticleFormValues;
  choices: Choices;
  /** The editor's unsaved copy from last time, if it differs from what is stored. */
  autosaved?: { values: ArticleFormValues; savedAt: string } | null;
};

type Control = FieldControl;
/** The options that live in the database: the site's categories, and the editors who can sign an article. */
export type Choices = { categories: { value: string; label: string }[]; editors: { value: string; label: string }[] };

/** The input a declaration's widget asks for (lib/articles/fields.ts). */
function WidgetInput({
  widget,
  name,
  value,
  onChange,
  control,
  choices,
}: {
  widget: Widget;
  name: string;
  value: string;
  onChange: (value: string) => void;
  control: Control;
  choices: Choices;
}) {
  const common = { ...control, name, value, className: input };
  switch (widget.type) {
    case 'textarea':
      return <textarea {...common} rows={widget.rows} onChange={(e) => onChange(e.target.value)} />;
    case 'select': {
      const options =
        widget.options === 'categories'
          ? choices.categories
          : widget.options === 'editors'
            ? [{ value: '', label: '（署名なし：編集部）' }, ...choices.editors]
            : widget.options;
      return (
        <select {...common} onChange={(e) => onChange(e.target.value)}>
          {options.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      );
    }
    case 'image':
      return <ImagePicker name={name} value={value} onChange={onChange} control={control} />;
    case 'text':
      return (
        <input
          {...common}
          pattern={widget.pattern}
          inputMode={widget.inputMode}
          onChange={(e) => onChange(e.target.value)}
        />
      );
    default:
      return <input {...common} type={widget.type} onChange={(e) => onChange(e.target.value)} />;
  }
}

// Literal class names, so Tailwind finds them.
const WIDTH: Record<Placement['width'], string> = {
  full: 'sm:col-span-6',
  half: 'sm:col-span-3',
  third: 'sm:col-span-2',
};

function move<T>(list: T[], from: number, to: number): T[] {
  if (to < 0 || to >= list.length) return list;
  const copy = [...list];
  const [item] = copy.splice(from, 1);
  copy.splice(to, 0, item!);
  return copy;
}

type Errors = FieldErrors;

/** The fields counted as the editor types (title, lead, each section's body), against their schema's limit. */
const COUNTED = new Set<string>(['title', 'lead', 'body']);
/** 文字数: the title, the lead and every section's heading and body, as the counts count them. */
const totalLength = (values: ArticleFormValues) =>
  [values.title, values.lead, ...values.sections.flatMap((section) => [section.heading, section.body])]
    .map((text) => text.trim().length)
    .reduce((sum, length) => sum + length, 0);
const countOf = (key: string, value: string, schema: Parameters<typeof lengthLimit>[0]) => {
  const max = COUNTED.has(key) ? lengthLimit(schema) : undefined;
  return max === undefined ? undefined : { length: value.trim().length, max };
};

/** The declared fields of one block of the form, each with its widget, label and hint. */
function DeclaredFields({
  group,
  values,
  errors,
  choices,
  set,
}: {
  group: Placement['group'];
  values: ArticleFormValues;
  errors: Errors;
  choices: Choices;
  set: (name: ArticleFieldName, value: string) => void;
}) {
  return (
    <div className="grid gap-x-4 sm:grid-cols-6">
      {articleFieldEntries
        .filter(([, declaration]) => declaration.group === group && (declaration.shownWhen?.(values) ?? true))
        .map(([name, declaration]) => (
          <div key={name} className={WIDTH[declaration.width]}>
            <Field
              name={name}
              label={declaration.label}
              errors={errors}
              hint={declaration.hint}
              count={countOf(name, values[name], declaration.schema)}
            >
              {(control) => (
                <WidgetInput
                  widget={declaration.widget}
                  name={name}
                  value={values[name]}
                  onChange={(value) => set(name, value)}
                  control={control}
                  choices={choices}
                />
              )}
            </Field>
          </div>
        ))}
    </div>
  );
}

type Item = Record<string, string | null | undefined>;

/** Sections or sources: each item's declared fields, with buttons to move, remove and add items. */
function ListEditor<T extends Item>({
  list,
  items,
  setItems,
  errors,
  choices,
  itemClassName,
  testId,
  below,
}: {
  list: keyof typeof articleLists;
  items: T[];
  setItems: (items: T[]) => void;
  errors: Errors;
  choices: Choices;
  itemClassName: string;
  testId: string;
  /** Shown under an item's fields (a section's missing-source warning). */
  below?: (item: T) => ReactNode;
}) {
  const { itemLabel, fields, blankItem, item: itemSchema } = articleLists[list];
  const setField = (index: number, key: string, value: string) =>
    setItems(items.map((item, i) => (i === index ? { ...item, [key]: value } : item)));
  return (
    <>
      {items.map((item, index) => (
        <div key={index} className={itemClassName} data-testid={testId}>
          {Object.entries(fields).map(([key, declaration]: [string, { hint?: string; widget: Widget }]) => (
            <Field
              key={key}
              name={`${list}.${index}.${key}`}
              label={itemFieldLabel(list, index, key)}
              errors={errors}
              hint={declaration.hint}
              count={countOf(key, item[key] ?? '', itemSchema.shape[key as keyof typeof itemSchema.shape])}
            >
              {(control) => (
                <WidgetInput
                  widget={declaration.widget}
                  name={`${list}.${index}.${key}`}
                  value={item[key] ?? ''}
                  onChange={(value) => setField(index, key, value)}
                  control={control}
                  choices={choices}
                />
              )}
            </Field>
          ))}
          {below?.(item)}
          <div className="mt-2 flex gap-2 text-sm sm:col-span-2">
            <button
              type="button"
              onClick={() => setItems(move(items, index, index - 1))}
              disabled={index === 0}
              className="rounded border border-rule px-2"
            >
              {itemLabel} {index + 1} を上へ
            </button>
            <button
              type="button"
              onClick={() => setItems(move(items, index, index + 1))}
              disabled={index === items.length - 1}
              className="rounded border border-rule px-2"
            >
              {itemLabel} {index + 1} を下へ
            </button>
            <button
              type="button"
              onClick={() => setItems(items.filter((_, i) => i !== index))}
              className="rounded border border-danger px-2 text-danger"
            >
              {itemLabel} {index + 1} を削除
            </button>
          </div>
        </div>
      ))}
      <button
        type="button"
        onClick={() => setItems([...items, blankItem() as unknown as T])}
        className="mt-3 rounded border border-rule px-3 py-1 text-sm"
      >
        {itemLabel}を追加
      </button>
    </>
  );
}

/** The label an error's field key goes by on screen: 「タイトル」, 「節 2 の本文」. */
function fieldLabelOf(key: string): string {
  const item = /^(sections|sources)\.(\d+)\.(\w+)$/.exec(key);
  if (item) return itemFieldLabel(item[1] as keyof typeof articleLists, Number(item[2]), item[3]!);
  if (key === 'sections' || key === 'sources') return articleLists[key].label;
  return (articleFields as Record<string, { label: string } | undefined>)[key]?.label ?? key;
}

const fieldId = (key: string) => `field-${key.replace(/\./g, '-')}`;

/**
 * Why the last save was refused, where the editor is: focus moves here, and each problem links to
 * its field (focusing it, not just scrolling). A conflict also shows what the other editor changed.
 */
function SaveProblem({ result }: { result: ArticleFormState['result'] }) {
  const summary = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (result && !result.ok) summary.current?.focus();
  }, [result]);
  if (!result || result.ok) return null;
  const problems = Object.entries(result.errors).filter((entry): entry is [string, string] => !!entry[1]);
  return (
    <div
      ref={summary}
      tabIndex={-1}
      role="alert"
      aria-labelledby="save-problem-heading"
      data-testid="error-summary"
      className="rounded border border-danger bg-danger-soft p-3 text-sm text-danger focus:outline-2 focus:outline-danger"
    >
      <p id="save-problem-heading" className="font-bold">
        {result.message}
      </p>
      {problems.length > 0 ? (
        <ul className="mt-2 list-disc pl-5">
          {problems.map(([key, message]) => (
            <li key={key}>
              <a
                href={`#${fieldId(key)}`}
                className="text-danger underline"
                onClick={(event) => {
                  const target = document.getElementById(fieldId(key));
                  if (!target) return;
                  event.preventDefault();
                  target.focus();
                }}
              >
                {fieldLabelOf(key)}：{message}
              </a>
            </li>
          ))}
        </ul>
      ) : null}
      {result.conflict ? (
        <div className="mt-2">
          <p>
            第{result.conflict.version}版（{result.conflict.updatedBy}）での変更点：
          </p>
          <pre className="mt-1 max-h-64 overflow-auto bg-paper p-2 text-xs whitespace-pre-wrap text-ink">
            {result.conflict.diff
              .filter((line) => line.kind !== 'same')
              .map((line) => `${line.kind === 'added' ? '+ ' : '- '}${line.text}`)
              .join('\n')}
          </pre>
        </div>
      ) : null}
    </div>
  );
}

/**
 * A focused field is scrolled clear of the sticky save bar. The page's scroll-padding does this
 * for focus moves, but a textarea is scrolled only as far as its caret, leaving the rest under the
 * bar; a field taller than the space above the bar shows its top.
 */
function keepClearOfSaveBar(target: EventTarget) {
  const element = target as HTMLElement;
  const bar = document.querySelector('.sticky-save-bar');
  if (!bar || bar.contains(element) || !('getBoundingClientRect' in element)) return;
  const field = element.getBoundingClientRect();
  const barTop = bar.getBoundingClientRect().top;
  const overlap = field.bottom - barTop + 8;
  if (overlap > 0) window.scrollBy({ top: Math.min(overlap, Math.max(0, field.top - 8)), behavior: 'instant' });
}

/** The save buttons an article's status allows. */
function SaveButtons({
  status,
  pending,
  autosavedAt,
  children,
}: {
  status: Status;
  pending: boolean;
  autosavedAt: string | null;
  /** More buttons: the preview of what is typed. */
  children?: ReactNode;
}) {
  const bar = useRef<HTMLDivElement>(null);
  // The bar's height changes (the autosave line, a scheduled article's fifth button on a phone):
  // the page keeps focus clear of its real height.
  useEffect(() => {
    const element = bar.current;
    if (!element) return;
    const root = document.documentElement;
    // The bar grows when its autosave line appears or wraps: the focused field moves clear of it then too.
    const observer = new ResizeObserver(() => {
      root.style.setProperty('--save-bar-height', `${element.offsetHeight}px`);
      if (document.activeElement) keepClearOfSaveBar(document.activeElement);
    });
    observer.observe(element);
    return () => {
      observer.disconnect();
      root.style.removeProperty('--save-bar-height');
    };
  }, []);
  return (
    <div
      ref={bar}
      className="sticky-save-bar sticky bottom-0 mt-8 flex flex-wrap items-center gap-2 border-t border-rule bg-paper py-2 sm:gap-3 sm:py-3"
    >
      {status !== 'published' ? (
        <button
          type="submit"
          name="intent"
          value="draft"
          disabled={pending}
          className={`${SAVE_BAR_BUTTON} border-ink`}
        >
          下書き保存
        </button>
      ) : null}
      <button
        type="submit"
        name="intent"
        value="publish"
        disabled={pending}
        className={`${SAVE_BAR_BUTTON} border-accent bg-accent font-bold text-paper`}
      >
        {status === 'published' ? '更新を公開' : '今すぐ公開'}
      </button>
      {status !== 'published' ? (
        <button
          type="submit"
          name="intent"
          value="schedule"
          disabled={pending}
          className={`${SAVE_BAR_BUTTON} border-accent text-accent`}
          aria-label="予約公開（日付・時刻に公開）"
        >
          予約公開<span className="max-sm:hidden">（日付・時刻に公開）</span>
        </button>
      ) : null}
      {status !== 'draft' ? (
        <ConfirmSubmit
          name="intent"
          value="unpublish"
          disabled={pending}
          title="公開を取り消しますか？"
          consequence="記事はすぐにサイト・フィード・サイトマップから消え、URL は「見つかりません」になります。下書きとして残り、取り消した後で「元に戻す」ができます。"
          confirmLabel="公開を取り消す"
          className={`${SAVE_BAR_BUTTON} border-danger text-danger`}
        >
          公開を取り消す
        </ConfirmSubmit>
      ) : null}
      {children}
      {/* A line of its own under the buttons on a phone, with the explanation for screen readers
          only; out of the flow while empty, so that it takes no row. */}
      <p
        aria-live="polite"
        className="text-xs text-muted empty:sr-only max-sm:basis-full"
        data-testid="autosave-status"
      >
        {autosavedAt ? (
          <>
            自動保存 {new Date(autosavedAt).toLocaleTimeString('ja-JP', { timeZone: 'Asia/Tokyo' })}
            <span className="max-sm:sr-only">（下書きの控え。記事は保存するまで変わりません）</span>
          </>
        ) : null}
      </p>
    </div>
  );
}

export function ArticleForm({ id, version, status = 'draft', deleted = false, initial, choices, autosaved }: Props) {
  // The article's state as last learned: a conflict that reveals an unpublish changes it (and the
  // page's label), and with it the save buttons.
  const { state: live, setState: setLive, setRefused } = useLiveArticleState({ status, deleted });
  // Before an article goes out: one dialog that lists what is about to be published.
  const [checklist, setChecklist] = useState<(ChecklistRequest & { data: FormData }) | null>(null);
  const [checking, startChecking] = useTransition();
  // The page's own URL as the form's action (React would write action="", which is invalid HTML).
  const [state, action, pending] = useActionState<ArticleFormState, FormData>(
    saveArticleAction,
    {},
    id ? `/admin/articles/${id}` : '/admin/articles/new',
  );
  // Controlled fields: whatever the editor typed stays on screen when a save is refused.
  const [values, setValues] = useState<ArticleFormValues>(initial);
  const form = useRef<HTMLFormElement>(null);
  const submitting = useRef(false);
  const dirty = JSON.stringify(values) !== JSON.stringify(initial);
  const autosaveKey = keyForArticle(id);
  const autosavedAt = useAutosave({ autosaveKey, baseVersion: version, values, dirty, paused: submitting });
  // Nothing typed is lost by a closed tab or a stray link: the browser asks first.
  useEffect(() => {
    if (!dirty) return;
    const warn = (event: BeforeUnloadEvent) => {
      if (submitting.current) return;
      event.preventDefault();
      event.returnValue = '';
    };
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);
  // Ctrl+S / ⌘S saves, as the first save button does (下書き保存, or 更新を公開 once published).
  useEffect(() => {
    const save = (event: KeyboardEvent) => {
      if (!(event.ctrlKey || event.metaKey) || event.key.toLowerCase() !== 's') return;
      event.preventDefault();
      const button = form.current?.querySelector<HTMLButtonElement>('button[name="intent"]');
      if (button && !button.disabled) form.current?.requestSubmit(button);
    };
    window.addEventListener('keydown', save);
    return () => window.removeEventListener('keydown', save);
  }, []);
  useEffect(() => {
    // A refused save keeps the editor on the page, with the warning back on.
    if (!pending) submitting.current = false;
  }, [pending]);
  const errors = state.result && !state.result.ok ? state.result.errors : {};
  // A refused save: the page's notice of the save before it (公開しました) no longer stands.
  const refused = !!state.result && !state.result.ok;
  useEffect(() => setRefused(refused), [refused, setRefused]);
  // The version this form's edits apply to: the one it opened, or the other editor's once a
  // conflict is resolved in place.
  const [base, setBase] = useState({ values: initial, version });
  const [resolved, setResolved] = useState<ArticleFormState['result']>(undefined);
  const conflict = state.result && !state.result.ok ? state.result.conflict : undefined;
  const optionNames = new Map(
    [...choices.categories, ...choices.editors].map((option) => [option.value, option.label]),
  );
  const set = <K extends keyof ArticleFormValues>(key: K, value: ArticleFormValues[K]) =>
    setValues((current) => ({ ...current, [key]: value }));
  // A new article's slug follows its title and date (a readable suggestion) until the editor
  // types a slug of their own.
  const [slugFollows, setSlugFollows] = useState(!id && !initial.slug);
  const setField = (name: ArticleFieldName, value: string) => {
    if (name === 'slug') setSlugFollows(false);
    setValues((current) => {
      const next = { ...current, [name]: value } as ArticleFormValues;
      if (slugFollows && (name === 'title' || name === 'datelineDate')) {
        next.slug = next.title.trim() ? suggestSlug(next.title, next.datelineDate) : '';
      }
      return next;
    });
  };
  const fields = (group: Placement['group']) => (
    <DeclaredFields group={group} values={values} errors={errors} choices={choices} set={setField} />
  );

  return (
    <form
      ref={form}
      action={action}
      noValidate
      // Dispatched by hand, not through the form's action: React resets a form after its action
      // runs, which put the selects back to their first render (カテゴリ 国際, 制作方法 AI生成)
      // after a refused save while the state still said what the editor chose. Without
      // JavaScript the form posts to its action as before.
      onSubmit={(event) => {
        event.preventDefault();
        const submitter = (event.nativeEvent as SubmitEvent).submitter;
        const data = new FormData(event.currentTarget, submitter);
        const intent = data.get('intent');
        // Going out (not an update of what is already live) asks first, whichever button sent it.
        if (intent === 'schedule' || (intent === 'publish' && live.status !== 'published')) {
          startChecking(async () => {
            const [answer, facts] = await Promise.all([prePublishChecklistAction(data), factsToDecideAction(data)]);
            if (answer.ok) setChecklist({ intent, checklist: answer, data, facts });
            else {
              // The save would be refused: send it, and the refusal lists every problem.
              submitting.current = true;
              startTransition(() => action(data));
            }
          });
          return;
        }
        submitting.current = true;
        startTransition(() => action(data));
      }}
      onFocus={(event) => keepClearOfSaveBar(event.target)}
    >
      {id ? <input type="hidden" name="id" value={id} /> : null}
      {base.version ? <input type="hidden" name="baseVersion" value={base.version} /> : null}
      {id ? <PresenceNotice articleId={id} /> : null}
      {autosaved ? (
        <AutosaveOffer
          autosaveKey={autosaveKey}
          savedAt={autosaved.savedAt}
          onRestore={() => {
            setSlugFollows(false);
            setValues(autosaved.values);
          }}
        />
      ) : null}
      <SaveProblem result={state.result} />
      {conflict && resolved !== state.result ? (
        <ConflictResolver
          base={base.values}
          mine={values}
          theirs={conflict.theirs}
          theirVersion={conflict.version}
          theirName={conflict.updatedBy}
          names={optionNames}
          state={conflict.state}
          stateChanges={conflict.stateChanges}
          onResolve={(merged, theirVersion) => {
            setValues(merged);
            setLive(conflict.state);
            setBase({ values: conflict.theirs, version: theirVersion });
            setResolved(state.result);
          }}
        />
      ) : null}
      {fields('article')}
      <fieldset className="mt-6 border-t border-rule pt-4">
        <legend className="text-lg font-bold">メイン画像</legend>
        {fields('image')}
      </fieldset>
      <fieldset className="mt-6 border-t border-rule pt-4">
        <legend className="text-lg font-bold">{articleLists.sections.label}</legend>
        {errors.sections ? <p className="text-sm text-danger">{errors.sections}</p> : null}
        <ListEditor
          list="sections"
          items={values.sections}
          setItems={(sections) => set('sections', sections)}
          errors={errors}
          choices={choices}
          itemClassName="mt-4 rounded border border-rule p-3"
          testId="section-editor"
          below={(section) =>
            citationsIn(section.body).length === 0 && !(section.cites ?? '').trim() ? (
              <p className="mt-2 text-sm font-bold text-caution" data-testid="uncited-section">
                ⚠ この節は出典を示していません
              </p>
            ) : null
          }
        />
        <p className="mt-3 text-right text-sm text-muted" data-testid="total-count">
          文字数 {totalLength(values).toLocaleString('ja-JP')}字（タイトル・リード・本文）
        </p>
      </fieldset>
      <fieldset className="mt-6 border-t border-rule pt-4">
        <legend className="text-lg font-bold">{articleLists.sources.label}</legend>
        <ListEditor
          list="sources"
          items={values.sources}
          setItems={(sources) => set('sources', sources)}
          errors={errors}
          choices={choices}
          itemClassName="mt-4 grid gap-x-3 rounded border border-rule p-3 sm:grid-cols-2"
          testId="source-editor"
        />
        {fields('sources')}
      </fieldset>
      <fieldset className="mt-6 border-t border-rule pt-4">
        <legend className="text-lg font-bold">制作方法の表示</legend>
        {fields('disclosure')}
      </fieldset>
      <SaveButtons status={live.status} pending={pending || checking} autosavedAt={autosavedAt}>
        <UnsavedPreview form={form} />
      </SaveButtons>
      <PublishChecklistDialog
        request={checklist}
        articleId={id}
        onCancel={() => setChecklist(null)}
        onConfirm={(confirmRepublish) => {
          if (!checklist) return;
          const data = checklist.data;
          if (confirmRepublish !== null) data.set('confirmRepublish', String(confirmRepublish));
          setChecklist(null);
          submitting.current = true;
          startTransition(() => action(data));
        }}
      />
    </form>
  );
}
