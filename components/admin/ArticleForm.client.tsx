'use client';

import { useActionState, useState, type ReactNode } from 'react';
import { saveArticleAction, type ArticleFormState } from '@/app/admin/actions';
import { articleFieldEntries, articleLists, itemFieldLabel, type Placement, type Widget } from '@/lib/articles/fields';
import { citationsIn } from '@/lib/articles/citations';
import type { ArticleFormValues, FieldErrors } from '@/lib/editorial/input';

type Status = 'draft' | 'scheduled' | 'published';
type Props = {
  id?: number;
  version?: number;
  status?: Status;
  initial: ArticleFormValues;
  categories: Categories;
};

const input = 'mt-1 w-full rounded border border-rule bg-paper px-3 py-2 text-ink aria-[invalid=true]:border-red-700';

function Field({
  name,
  label,
  errors,
  hint,
  children,
}: {
  name: string;
  label: string;
  errors: FieldErrors;
  hint?: string;
  children: (props: { id: string; 'aria-invalid': boolean; 'aria-describedby'?: string }) => ReactNode;
}) {
  const id = `field-${name.replace(/\./g, '-')}`;
  const error = errors[name];
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ') || undefined;
  return (
    <div className="mt-4">
      <label htmlFor={id} className="block text-sm font-bold">
        {label}
      </label>
      {hint ? (
        <p id={`${id}-hint`} className="text-xs text-muted">
          {hint}
        </p>
      ) : null}
      {children({ id, 'aria-invalid': !!error, 'aria-describedby': describedBy })}
      {error ? (
        <p id={`${id}-error`} className="mt-1 text-sm text-red-700">
          {error}
        </p>
      ) : null}
    </div>
  );
}

type Control = { id: string; 'aria-invalid': boolean; 'aria-describedby'?: string };
type Categories = { slug: string; name: string }[];

/** The input a declaration's widget asks for (lib/articles/fields.ts). */
function WidgetInput({
  widget,
  name,
  value,
  onChange,
  control,
  categories,
}: {
  widget: Widget;
  name: string;
  value: string;
  onChange: (value: string) => void;
  control: Control;
  categories: Categories;
}) {
  const common = { ...control, name, value, className: input };
  switch (widget.type) {
    case 'textarea':
      return <textarea {...common} rows={widget.rows} onChange={(e) => onChange(e.target.value)} />;
    case 'select': {
      const options =
        widget.options === 'categories'
          ? categories.map((category) => ({ value: category.slug, label: category.name }))
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
    case 'text':
      return (
        <input
          {...common}
          maxLength={widget.maxLength}
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

export function ArticleForm({ id, version, status = 'draft', initial, categories }: Props) {
  const [state, action, pending] = useActionState<ArticleFormState, FormData>(saveArticleAction, {});
  // Controlled fields: whatever the editor typed stays on screen when a save is refused.
  const [values, setValues] = useState<ArticleFormValues>(initial);
  const errors = state.result && !state.result.ok ? state.result.errors : {};
  const set = <K extends keyof ArticleFormValues>(key: K, value: ArticleFormValues[K]) =>
    setValues((current) => ({ ...current, [key]: value }));
  const setSection = (index: number, key: string, value: string) =>
    set(
      'sections',
      values.sections.map((section, i) => (i === index ? { ...section, [key]: value } : section)),
    );
  const setSource = (index: number, key: string, value: string) =>
    set(
      'sources',
      values.sources.map((source, i) => (i === index ? { ...source, [key]: value } : source)),
    );

  const declared = (group: Placement['group']) => (
    <div className="grid gap-x-4 sm:grid-cols-6">
      {articleFieldEntries
        .filter(([, declaration]) => declaration.group === group && (declaration.shownWhen?.(values) ?? true))
        .map(([name, declaration]) => (
          <div key={name} className={WIDTH[declaration.width]}>
            <Field name={name} label={declaration.label} errors={errors} hint={declaration.hint}>
              {(control) => (
                <WidgetInput
                  widget={declaration.widget}
                  name={name}
                  value={values[name]}
                  onChange={(value) => set(name, value as never)}
                  control={control}
                  categories={categories}
                />
              )}
            </Field>
          </div>
        ))}
    </div>
  );
  const itemFields = (
    list: keyof typeof articleLists,
    index: number,
    item: Record<string, string | null | undefined>,
    onChange: (key: string, value: string) => void,
  ) =>
    Object.entries(articleLists[list].fields).map(([key, declaration]: [string, { hint?: string; widget: Widget }]) => (
      <Field
        key={key}
        name={`${list}.${index}.${key}`}
        label={itemFieldLabel(list, index, key)}
        errors={errors}
        hint={declaration.hint}
      >
        {(control) => (
          <WidgetInput
            widget={declaration.widget}
            name={`${list}.${index}.${key}`}
            value={item[key] ?? ''}
            onChange={(value) => onChange(key, value)}
            control={control}
            categories={categories}
          />
        )}
      </Field>
    ));

  return (
    <form action={action} noValidate>
      {id ? <input type="hidden" name="id" value={id} /> : null}
      {version ? <input type="hidden" name="baseVersion" value={version} /> : null}
      {state.result && !state.result.ok ? (
        <div role="alert" className="rounded border border-red-700 bg-red-50 p-3 text-sm text-red-900">
          <p className="font-bold">{state.result.message}</p>
          {state.result.conflict ? (
            <div className="mt-2">
              <p>
                第{state.result.conflict.version}版（{state.result.conflict.updatedBy}）での変更点：
              </p>
              <pre className="mt-1 max-h-64 overflow-auto bg-paper p-2 text-xs whitespace-pre-wrap text-ink">
                {state.result.conflict.diff
                  .filter((line) => line.kind !== 'same')
                  .map((line) => `${line.kind === 'added' ? '+ ' : '- '}${line.text}`)
                  .join('\n')}
              </pre>
            </div>
          ) : null}
        </div>
      ) : null}

      {declared('article')}

      <fieldset className="mt-6 border-t border-rule pt-4">
        <legend className="text-lg font-bold">本文の節</legend>
        {errors.sections ? <p className="text-sm text-red-700">{errors.sections}</p> : null}
        {values.sections.map((section, index) => (
          <div key={index} className="mt-4 rounded border border-rule p-3" data-testid="section-editor">
            {itemFields('sections', index, section, (key, value) => setSection(index, key, value))}
            {citationsIn(section.body).length === 0 && !(section.cites ?? '').trim() ? (
              <p className="mt-2 text-sm font-bold text-[#8a5a00]" data-testid="uncited-section">
                ⚠ この節は出典を示していません
              </p>
            ) : null}
            <div className="mt-2 flex gap-2 text-sm">
              <button
                type="button"
                onClick={() => set('sections', move(values.sections, index, index - 1))}
                disabled={index === 0}
                className="rounded border border-rule px-2"
              >
                節 {index + 1} を上へ
              </button>
              <button
                type="button"
                onClick={() => set('sections', move(values.sections, index, index + 1))}
                disabled={index === values.sections.length - 1}
                className="rounded border border-rule px-2"
              >
                節 {index + 1} を下へ
              </button>
              <button
                type="button"
                onClick={() =>
                  set(
                    'sections',
                    values.sections.filter((_, i) => i !== index),
                  )
                }
                className="rounded border border-red-700 px-2 text-red-800"
              >
                節 {index + 1} を削除
              </button>
            </div>
          </div>
        ))}
        <button
          type="button"
          onClick={() => set('sections', [...values.sections, { heading: '', body: '', cites: '' }])}
          className="mt-3 rounded border border-rule px-3 py-1 text-sm"
        >
          節を追加
        </button>
      </fieldset>

      <fieldset className="mt-6 border-t border-rule pt-4">
        <legend className="text-lg font-bold">参考・出典</legend>
        {values.sources.map((source, index) => (
          <div
            key={index}
            className="mt-4 grid gap-x-3 rounded border border-rule p-3 sm:grid-cols-2"
            data-testid="source-editor"
          >
            {itemFields('sources', index, source, (key, value) => setSource(index, key, value))}
            <div className="mt-2 flex gap-2 text-sm sm:col-span-2">
              <button
                type="button"
                onClick={() => set('sources', move(values.sources, index, index - 1))}
                disabled={index === 0}
                className="rounded border border-rule px-2"
              >
                出典 {index + 1} を上へ
              </button>
              <button
                type="button"
                onClick={() => set('sources', move(values.sources, index, index + 1))}
                disabled={index === values.sources.length - 1}
                className="rounded border border-rule px-2"
              >
                出典 {index + 1} を下へ
              </button>
              <button
                type="button"
                onClick={() =>
                  set(
                    'sources',
                    values.sources.filter((_, i) => i !== index),
                  )
                }
                className="rounded border border-red-700 px-2 text-red-800"
              >
                出典 {index + 1} を削除
              </button>
            </div>
          </div>
        ))}
        <button
          type="button"
          onClick={() => set('sources', [...values.sources, { title: '', url: '', publisher: '', date: '' }])}
          className="mt-3 rounded border border-rule px-3 py-1 text-sm"
        >
          出典を追加
        </button>
        {declared('sources')}
      </fieldset>

      <fieldset className="mt-6 border-t border-rule pt-4">
        <legend className="text-lg font-bold">制作方法の表示</legend>
        {declared('disclosure')}
      </fieldset>

      <div className="sticky bottom-0 mt-8 flex flex-wrap gap-3 border-t border-rule bg-paper py-3">
        {status !== 'published' ? (
          <button
            type="submit"
            name="intent"
            value="draft"
            disabled={pending}
            className="rounded border border-ink px-4 py-2"
          >
            下書き保存
          </button>
        ) : null}
        <button
          type="submit"
          name="intent"
          value="publish"
          disabled={pending}
          className="rounded bg-accent px-4 py-2 font-bold text-paper"
        >
          {status === 'published' ? '更新を公開' : '今すぐ公開'}
        </button>
        {status !== 'published' ? (
          <button
            type="submit"
            name="intent"
            value="schedule"
            disabled={pending}
            className="rounded border border-accent px-4 py-2 text-accent"
          >
            予約公開（日付・時刻に公開）
          </button>
        ) : null}
        {status !== 'draft' ? (
          <button
            type="submit"
            name="intent"
            value="unpublish"
            disabled={pending}
            className="rounded border border-red-700 px-4 py-2 text-red-800"
          >
            公開を取り消す
          </button>
        ) : null}
      </div>
    </form>
  );
}
