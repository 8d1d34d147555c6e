'use client';

import { useActionState, useState, type ReactNode } from 'react';
import { saveArticleAction, type ArticleFormState } from '@/app/admin/actions';
import { citationsIn } from '@/lib/citations';
import type { ArticleFormValues, FieldErrors } from '@/lib/editorial-input';

type Status = 'draft' | 'scheduled' | 'published';
type Props = {
  id?: number;
  version?: number;
  status?: Status;
  initial: ArticleFormValues;
  categories: { slug: string; name: string }[];
};

const input = 'mt-1 w-full rounded border border-rule bg-paper px-3 py-2 text-ink aria-[invalid=true]:border-red-700';

function Field({ name, label, errors, hint, children }: { name: string; label: string; errors: FieldErrors; hint?: string; children: (props: { id: string; 'aria-invalid': boolean; 'aria-describedby'?: string }) => ReactNode }) {
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
  const set = <K extends keyof ArticleFormValues>(key: K, value: ArticleFormValues[K]) => setValues((current) => ({ ...current, [key]: value }));
  const setSection = (index: number, key: 'heading' | 'body' | 'cites', value: string) =>
    set('sections', values.sections.map((section, i) => (i === index ? { ...section, [key]: value } : section)));
  const setSource = (index: number, key: 'title' | 'url' | 'publisher' | 'date', value: string) =>
    set('sources', values.sources.map((source, i) => (i === index ? { ...source, [key]: value } : source)));

  return (
    <form action={action} noValidate>
      {id ? <input type="hidden" name="id" value={id} /> : null}
      {version ? <input type="hidden" name="baseVersion" value={version} /> : null}
      {state.result && !state.result.ok ? (
        <div role="alert" className="rounded border border-red-700 bg-red-50 p-3 text-sm text-red-900">
          <p className="font-bold">{state.result.message}</p>
          {state.result.conflict ? (
            <div className="mt-2">
              <p>第{state.result.conflict.version}版（{state.result.conflict.updatedBy}）での変更点：</p>
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

      <Field name="title" label="タイトル" errors={errors}>
        {(props) => <input {...props} name="title" value={values.title} onChange={(e) => set('title', e.target.value)} className={input} maxLength={300} />}
      </Field>
      <Field name="slug" label="スラッグ（URL）" errors={errors} hint="半角英小文字・数字とハイフン。公開後に変えると、古い URL は新しい URL へ転送されます。">
        {(props) => <input {...props} name="slug" value={values.slug} onChange={(e) => set('slug', e.target.value)} className={input} maxLength={100} pattern="[a-z0-9]+(-[a-z0-9]+)*" />}
      </Field>
      <div className="grid gap-x-4 sm:grid-cols-3">
        <Field name="datelineDate" label="日付（日本時間）" errors={errors}>
          {(props) => <input {...props} type="date" name="datelineDate" value={values.datelineDate} onChange={(e) => set('datelineDate', e.target.value)} className={input} />}
        </Field>
        <Field name="datelineTime" label="時刻（日本時間）" errors={errors}>
          {(props) => <input {...props} type="time" name="datelineTime" value={values.datelineTime} onChange={(e) => set('datelineTime', e.target.value)} className={input} />}
        </Field>
        <Field name="place" label="場所" errors={errors}>
          {(props) => <input {...props} name="place" value={values.place ?? ''} onChange={(e) => set('place', e.target.value)} className={input} maxLength={100} />}
        </Field>
      </div>
      <div className="grid gap-x-4 sm:grid-cols-2">
        <Field name="category" label="カテゴリ" errors={errors}>
          {(props) => (
            <select {...props} name="category" value={values.category} onChange={(e) => set('category', e.target.value)} className={input}>
              {categories.map((category) => (
                <option key={category.slug} value={category.slug}>
                  {category.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field name="tags" label="タグ" errors={errors} hint="読点またはカンマで区切ります">
          {(props) => <input {...props} name="tags" value={values.tags} onChange={(e) => set('tags', e.target.value)} className={input} />}
        </Field>
      </div>
      <Field name="lead" label="リード" errors={errors}>
        {(props) => <textarea {...props} name="lead" value={values.lead} onChange={(e) => set('lead', e.target.value)} className={input} rows={4} />}
      </Field>

      <fieldset className="mt-6 border-t border-rule pt-4">
        <legend className="text-lg font-bold">本文の節</legend>
        {errors.sections ? <p className="text-sm text-red-700">{errors.sections}</p> : null}
        {values.sections.map((section, index) => (
          <div key={index} className="mt-4 rounded border border-rule p-3" data-testid="section-editor">
            <Field name={`sections.${index}.heading`} label={`節 ${index + 1} の見出し`} errors={errors}>
              {(props) => <input {...props} name={`sections.${index}.heading`} value={section.heading} onChange={(e) => setSection(index, 'heading', e.target.value)} className={input} />}
            </Field>
            <Field name={`sections.${index}.body`} label={`節 ${index + 1} の本文`} errors={errors} hint="段落は空行で区切ります。出典は本文中に [1] のように番号で示せます">
              {(props) => <textarea {...props} name={`sections.${index}.body`} value={section.body} onChange={(e) => setSection(index, 'body', e.target.value)} className={input} rows={6} />}
            </Field>
            <Field name={`sections.${index}.cites`} label={`節 ${index + 1} が依拠する出典の番号`} errors={errors} hint="本文の [n] のほかに示す番号をカンマで区切って入力">
              {(props) => <input {...props} name={`sections.${index}.cites`} value={section.cites ?? ''} onChange={(e) => setSection(index, 'cites', e.target.value)} className={input} inputMode="numeric" />}
            </Field>
            {citationsIn(section.body).length === 0 && !(section.cites ?? '').trim() ? (
              <p className="mt-2 text-sm font-bold text-[#8a5a00]" data-testid="uncited-section">
                ⚠ この節は出典を示していません
              </p>
            ) : null}
            <div className="mt-2 flex gap-2 text-sm">
              <button type="button" onClick={() => set('sections', move(values.sections, index, index - 1))} disabled={index === 0} className="rounded border border-rule px-2">
                節 {index + 1} を上へ
              </button>
              <button type="button" onClick={() => set('sections', move(values.sections, index, index + 1))} disabled={index === values.sections.length - 1} className="rounded border border-rule px-2">
                節 {index + 1} を下へ
              </button>
              <button type="button" onClick={() => set('sections', values.sections.filter((_, i) => i !== index))} className="rounded border border-red-700 px-2 text-red-800">
                節 {index + 1} を削除
              </button>
            </div>
          </div>
        ))}
        <button type="button" onClick={() => set('sections', [...values.sections, { heading: '', body: '', cites: '' }])} className="mt-3 rounded border border-rule px-3 py-1 text-sm">
          節を追加
        </button>
      </fieldset>

      <fieldset className="mt-6 border-t border-rule pt-4">
        <legend className="text-lg font-bold">参考・出典</legend>
        {values.sources.map((source, index) => (
          <div key={index} className="mt-4 grid gap-x-3 rounded border border-rule p-3 sm:grid-cols-2" data-testid="source-editor">
            <Field name={`sources.${index}.title`} label={`出典 ${index + 1} の題名`} errors={errors}>
              {(props) => <input {...props} name={`sources.${index}.title`} value={source.title} onChange={(e) => setSource(index, 'title', e.target.value)} className={input} />}
            </Field>
            <Field name={`sources.${index}.url`} label={`出典 ${index + 1} の URL`} errors={errors}>
              {(props) => <input {...props} type="url" name={`sources.${index}.url`} value={source.url} onChange={(e) => setSource(index, 'url', e.target.value)} className={input} />}
            </Field>
            <Field name={`sources.${index}.publisher`} label={`出典 ${index + 1} の発行元`} errors={errors}>
              {(props) => <input {...props} name={`sources.${index}.publisher`} value={source.publisher ?? ''} onChange={(e) => setSource(index, 'publisher', e.target.value)} className={input} />}
            </Field>
            <Field name={`sources.${index}.date`} label={`出典 ${index + 1} の日付`} errors={errors}>
              {(props) => <input {...props} type="date" name={`sources.${index}.date`} value={source.date ?? ''} onChange={(e) => setSource(index, 'date', e.target.value)} className={input} />}
            </Field>
            <div className="mt-2 flex gap-2 text-sm sm:col-span-2">
              <button type="button" onClick={() => set('sources', move(values.sources, index, index - 1))} disabled={index === 0} className="rounded border border-rule px-2">
                出典 {index + 1} を上へ
              </button>
              <button type="button" onClick={() => set('sources', move(values.sources, index, index + 1))} disabled={index === values.sources.length - 1} className="rounded border border-rule px-2">
                出典 {index + 1} を下へ
              </button>
              <button type="button" onClick={() => set('sources', values.sources.filter((_, i) => i !== index))} className="rounded border border-red-700 px-2 text-red-800">
                出典 {index + 1} を削除
              </button>
            </div>
          </div>
        ))}
        <button type="button" onClick={() => set('sources', [...values.sources, { title: '', url: '', publisher: '', date: '' }])} className="mt-3 rounded border border-rule px-3 py-1 text-sm">
          出典を追加
        </button>
        {values.sources.length === 0 ? (
          <Field
            name="noSourcesReason"
            label="出典がない理由"
            errors={errors}
            hint="出典のないAI記事は、理由を書いたときだけ公開できます。理由は記事の「参考・出典」と「この記事について」に表示されます"
          >
            {(props) => <textarea {...props} name="noSourcesReason" value={values.noSourcesReason ?? ''} onChange={(e) => set('noSourcesReason', e.target.value)} className={input} rows={2} />}
          </Field>
        ) : null}
      </fieldset>

      <fieldset className="mt-6 border-t border-rule pt-4">
        <legend className="text-lg font-bold">制作方法の表示</legend>
        <Field name="disclosure" label="制作方法" errors={errors}>
          {(props) => (
            <select {...props} name="disclosure" value={values.disclosure} onChange={(e) => set('disclosure', e.target.value as ArticleFormValues['disclosure'])} className={input}>
              <option value="">選んでください</option>
              <option value="ai-generated">AI生成</option>
              <option value="ai-assisted">AI支援</option>
              <option value="human">記者執筆</option>
            </select>
          )}
        </Field>
        <Field name="kind" label="記事の種類" errors={errors} hint="解説は検索エンジンに AnalysisNewsArticle として示します">
          {(props) => (
            <select {...props} name="kind" value={values.kind ?? 'news'} onChange={(e) => set('kind', e.target.value as ArticleFormValues['kind'])} className={input}>
              <option value="news">ニュース</option>
              <option value="analysis">解説</option>
            </select>
          )}
        </Field>
        <Field name="disclaimer" label="注記（記事の冒頭に表示）" errors={errors}>
          {(props) => <textarea {...props} name="disclaimer" value={values.disclaimer} onChange={(e) => set('disclaimer', e.target.value)} className={input} rows={3} />}
        </Field>
        <div className="grid gap-x-4 sm:grid-cols-2">
          <Field name="reviewedBy" label="内容を確認した人" errors={errors}>
            {(props) => <input {...props} name="reviewedBy" value={values.reviewedBy ?? ''} onChange={(e) => set('reviewedBy', e.target.value)} className={input} />}
          </Field>
          <Field name="reviewedAt" label="確認日時（日本時間）" errors={errors}>
            {(props) => <input {...props} type="datetime-local" name="reviewedAt" value={values.reviewedAt ?? ''} onChange={(e) => set('reviewedAt', e.target.value)} className={input} />}
          </Field>
        </div>
        <div className="grid gap-x-4 sm:grid-cols-2">
          <Field name="modelName" label="生成モデル" errors={errors}>
            {(props) => <input {...props} name="modelName" value={values.modelName ?? ''} onChange={(e) => set('modelName', e.target.value)} className={input} />}
          </Field>
          <Field name="modelVersion" label="モデルの版" errors={errors}>
            {(props) => <input {...props} name="modelVersion" value={values.modelVersion ?? ''} onChange={(e) => set('modelVersion', e.target.value)} className={input} />}
          </Field>
          <Field name="promptTemplateVersion" label="指示テンプレートの版" errors={errors}>
            {(props) => <input {...props} name="promptTemplateVersion" value={values.promptTemplateVersion ?? ''} onChange={(e) => set('promptTemplateVersion', e.target.value)} className={input} />}
          </Field>
          <Field name="sourcesRetrievedAt" label="資料の取得日時（日本時間）" errors={errors}>
            {(props) => <input {...props} type="datetime-local" name="sourcesRetrievedAt" value={values.sourcesRetrievedAt ?? ''} onChange={(e) => set('sourcesRetrievedAt', e.target.value)} className={input} />}
          </Field>
        </div>
      </fieldset>

      <div className="sticky bottom-0 mt-8 flex flex-wrap gap-3 border-t border-rule bg-paper py-3">
        {status !== 'published' ? (
          <button type="submit" name="intent" value="draft" disabled={pending} className="rounded border border-ink px-4 py-2">
            下書き保存
          </button>
        ) : null}
        <button type="submit" name="intent" value="publish" disabled={pending} className="rounded bg-accent px-4 py-2 font-bold text-paper">
          {status === 'published' ? '更新を公開' : '今すぐ公開'}
        </button>
        {status !== 'published' ? (
          <button type="submit" name="intent" value="schedule" disabled={pending} className="rounded border border-accent px-4 py-2 text-accent">
            予約公開（日付・時刻に公開）
          </button>
        ) : null}
        {status !== 'draft' ? (
          <button type="submit" name="intent" value="unpublish" disabled={pending} className="rounded border border-red-700 px-4 py-2 text-red-800">
            公開を取り消す
          </button>
        ) : null}
      </div>
    </form>
  );
}
