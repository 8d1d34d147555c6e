'use client';

import { useActionState, useState } from 'react';
import { parseImportAction, saveImportedDraftAction, type ImportState } from '@/app/admin/_actions/import';
import { IMPORT_MAX_BYTES } from '@/lib/routes/registry';

const MAX_BYTES = IMPORT_MAX_BYTES;
const STATUS = { draft: '下書き', scheduled: '予約', published: '公開中' } as const;

/** The page's own URL as the forms' action (useActionState's permalink): React would write action="", which is invalid HTML. */
const PAGE = '/admin/import';

export function ImportForm() {
  const [state, action, pending] = useActionState<ImportState, FormData>(parseImportAction, {}, PAGE);
  const [fileTooLarge, setFileTooLarge] = useState(false);
  const [textTooLarge, setTextTooLarge] = useState(false);
  const tooLarge = fileTooLarge || textTooLarge;
  return (
    <>
      <form action={action} className="mt-4 space-y-4" onSubmit={(event) => tooLarge && event.preventDefault()}>
        <div>
          <label htmlFor="import-text" className="block text-sm font-bold">
            記事の文章を貼り付け
          </label>
          <textarea
            id="import-text"
            name="text"
            rows={12}
            // Kept after reading, so that a mistake is fixed here rather than pasted again.
            defaultValue={state.text}
            key={state.text === undefined ? 'empty' : `read-${state.text.length}`}
            className="mt-1 w-full rounded border border-rule bg-paper p-2 font-mono text-sm"
            aria-describedby="import-text-error"
            onChange={(event) => setTextTooLarge(new Blob([event.target.value]).size > MAX_BYTES)}
          />
          {textTooLarge ? (
            <p id="import-text-error" role="alert" className="mt-1 text-sm text-danger">
              貼り付けた文章が長すぎます（上限 2 MB）。
            </p>
          ) : null}
        </div>
        <div>
          <label htmlFor="import-file" className="block text-sm font-bold">
            またはファイルを選ぶ（.txt / .md / .json、2 MB まで）
          </label>
          <input
            id="import-file"
            name="file"
            type="file"
            accept=".txt,.md,.markdown,.json,text/plain,text/markdown,application/json"
            className="mt-1"
            aria-describedby="import-file-error"
            onChange={(event) => setFileTooLarge((event.target.files?.[0]?.size ?? 0) > MAX_BYTES)}
          />
          {fileTooLarge ? (
            <p id="import-file-error" role="alert" className="mt-1 text-sm text-danger">
              ファイルが大きすぎます（上限 2 MB）。分割するか、本文だけを貼り付けてください。
            </p>
          ) : null}
        </div>
        <button type="submit" disabled={pending || tooLarge} className="rounded border border-ink px-4 py-2">
          読み取る
        </button>
      </form>
      {state.error ? (
        <p role="alert" className="mt-4 text-sm text-danger">
          {state.error}
        </p>
      ) : null}
      {state.problems ? (
        <div role="alert" className="mt-4 rounded border border-danger p-3 text-sm">
          <p className="font-bold">読み取れませんでした</p>
          <ul className="list-disc pl-5">
            {state.problems.map((problem) => (
              <li key={problem}>{problem}</li>
            ))}
          </ul>
        </div>
      ) : null}
      {state.values ? (
        <section aria-labelledby="parsed-heading" className="mt-6 rounded border border-rule p-4">
          <h2 id="parsed-heading" className="text-lg font-bold">
            読み取り結果
          </h2>
          <dl className="mt-2 grid grid-cols-[8em_1fr] gap-y-1 text-sm">
            <dt>タイトル</dt>
            <dd data-testid="parsed-title">{state.values.title}</dd>
            <dt>スラッグ</dt>
            <dd>{state.values.slug}</dd>
            <dt>日付</dt>
            <dd>{state.values.datelineDate}</dd>
            <dt>リード</dt>
            <dd>{state.values.lead}</dd>
            <dt>節</dt>
            <dd>
              <ol className="list-decimal pl-5" data-testid="parsed-sections">
                {state.values.sections.map((section, index) => (
                  <li key={index}>{section.heading}</li>
                ))}
              </ol>
            </dd>
            <dt>出典</dt>
            <dd>{state.values.sources.length === 0 ? '出典の記載はありません' : `${state.values.sources.length}件`}</dd>
          </dl>
          {state.sameTitle && state.sameTitle.length > 0 ? (
            <div role="alert" className="mt-4 rounded border border-caution bg-note p-3 text-sm">
              <p className="font-bold">同じタイトルの記事がすでにあります</p>
              <ul className="list-disc pl-5" data-testid="same-title">
                {state.sameTitle.map((article) => (
                  <li key={article.id}>
                    <a href={`/admin/articles/${article.id}`} className="underline">
                      {article.title}
                    </a>
                    （{article.deleted ? '削除済み' : (STATUS[article.status as keyof typeof STATUS] ?? article.status)}
                    ・記事 {article.id}）
                  </li>
                ))}
              </ul>
              <p className="mt-1">同じ記事を二つ作らないか、確かめてから保存してください。</p>
            </div>
          ) : null}
          {state.nearlySame ? (
            <div role="alert" className="mt-4 rounded border border-caution bg-note p-3 text-sm">
              <p className="font-bold">本文がほぼ同じ記事がすでにあります</p>
              <p data-testid="nearly-same">
                <a href={`/admin/articles/${state.nearlySame.articleId}`} className="underline">
                  {state.nearlySame.title}
                </a>
                （本文の{Math.round(state.nearlySame.similarity * 100)}%が共通・記事 {state.nearlySame.articleId}）
              </p>
              <p className="mt-1">同じ記事を二つ作らないか、確かめてから保存してください。</p>
            </div>
          ) : null}
          <form action={saveImportedDraftAction} className="mt-4 space-y-3">
            <input type="hidden" name="values" value={JSON.stringify(state.values)} />
            <div className="grid gap-3 sm:grid-cols-3">
              <div>
                <label htmlFor="import-category" className="block text-sm font-bold">
                  カテゴリ
                </label>
                <select
                  id="import-category"
                  name="category"
                  defaultValue={state.values.category}
                  className="mt-1 w-full rounded border border-rule bg-paper p-2"
                >
                  {(state.categories ?? []).map((category) => (
                    <option key={category.value} value={category.value}>
                      {category.label}
                    </option>
                  ))}
                </select>
              </div>
              <div>
                <label htmlFor="import-date" className="block text-sm font-bold">
                  日付
                </label>
                <input
                  id="import-date"
                  name="datelineDate"
                  type="date"
                  required
                  defaultValue={state.values.datelineDate}
                  className="mt-1 w-full rounded border border-rule bg-paper p-2"
                />
              </div>
              <div>
                <label htmlFor="import-time" className="block text-sm font-bold">
                  時刻
                </label>
                <input
                  id="import-time"
                  name="datelineTime"
                  type="time"
                  required
                  defaultValue={state.values.datelineTime}
                  aria-describedby="import-time-hint"
                  className="mt-1 w-full rounded border border-rule bg-paper p-2"
                />
                <p id="import-time-hint" className="mt-1 text-xs text-muted">
                  本文に時刻がないときは 00:00 です。確かめてください。
                </p>
              </div>
            </div>
            <button type="submit" className="rounded bg-accent px-4 py-2 font-bold text-paper">
              下書きとして保存
            </button>
          </form>
        </section>
      ) : null}
    </>
  );
}
