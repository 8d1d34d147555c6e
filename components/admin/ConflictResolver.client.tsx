'use client';

import { useState } from 'react';
import { articleFieldEntries, articleLists, optionLabel, type ArticleFieldName } from '@/lib/articles/fields';
import type { ArticleFormValues } from '@/lib/articles/input';
import { describeStateChange, stateLabel, type ArticleState, type StateChange } from '@/lib/editorial/article-state';

type Key = ArticleFieldName | 'sections' | 'sources';

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

function labelOf(key: Key): string {
  if (key === 'sections' || key === 'sources') return articleLists[key].label;
  return articleFieldEntries.find(([name]) => name === key)![1].label;
}

function shown(key: Key, values: ArticleFormValues, names: ReadonlyMap<string, string>): string {
  if (key === 'sections') return values.sections.map((section) => `■${section.heading}\n${section.body}`).join('\n\n');
  if (key === 'sources') return values.sources.map((source, i) => `${i + 1}. ${source.title} ${source.url}`).join('\n');
  return optionLabel(key, values[key], names) || '（空）';
}

/**
 * A conflict, resolved where the editor is, without reloading: against the version both started
 * from, what only the other editor changed is taken in, what only this editor changed is kept, and
 * each field both changed is theirs or mine by choice. Applying it makes the form a change of the
 * other editor's version, which the next save then writes.
 */
export function ConflictResolver({
  base,
  mine,
  theirs,
  theirVersion,
  theirName,
  names,
  state,
  stateChanges,
  onResolve,
}: {
  base: ArticleFormValues;
  mine: ArticleFormValues;
  theirs: ArticleFormValues;
  theirVersion: number;
  theirName: string;
  names: ReadonlyMap<string, string>;
  /** The article's state now, and each change of it since this editor's version. */
  state: ArticleState;
  stateChanges: StateChange[];
  onResolve: (values: ArticleFormValues, version: number) => void;
}) {
  const keys: Key[] = [...articleFieldEntries.map(([name]) => name), 'sections', 'sources'];
  const value = (values: ArticleFormValues, key: Key) => values[key as keyof ArticleFormValues];
  const taken = keys.filter(
    (key) => !same(value(theirs, key), value(base, key)) && same(value(mine, key), value(base, key)),
  );
  const both = keys.filter(
    (key) =>
      !same(value(theirs, key), value(base, key)) &&
      !same(value(mine, key), value(base, key)) &&
      !same(value(mine, key), value(theirs, key)),
  );
  const [choice, setChoice] = useState<Record<string, 'mine' | 'theirs'>>({});
  const apply = () => {
    const merged = { ...mine } as Record<string, unknown>;
    for (const key of taken) merged[key] = value(theirs, key);
    for (const key of both) if ((choice[key] ?? 'mine') === 'theirs') merged[key] = value(theirs, key);
    onResolve(merged as ArticleFormValues, theirVersion);
  };
  return (
    <section
      aria-labelledby="conflict-heading"
      className="mt-3 rounded border border-caution bg-paper p-3 text-sm text-ink"
    >
      <h2 id="conflict-heading" className="font-bold">
        {theirName}さんの第{theirVersion}版と、あなたの編集を合わせる
      </h2>
      {stateChanges.length > 0 ? (
        <div data-testid="conflict-state" className="mt-2 rounded border border-danger bg-danger-soft p-2 text-danger">
          <p className="font-bold">公開の状態が変わっています：</p>
          <ul className="list-disc pl-5">
            {stateChanges.map((change) => (
              <li key={change.version}>{describeStateChange(change)}</li>
            ))}
          </ul>
          <p className="mt-1">
            いまの状態は「{stateLabel(state)}」です。フォームに反映すると、保存のボタンもいまの状態に合わせて変わります
            {state.status === 'draft' && !state.deleted ? '（公開し直すには、確認のうえ「今すぐ公開」を押します）' : ''}
            。
          </p>
        </div>
      ) : null}
      {taken.length > 0 ? (
        <p className="mt-1">あなたが触れていない項目の変更は取り込みます：{taken.map(labelOf).join('、')}</p>
      ) : null}
      {both.length > 0 ? (
        <>
          <p className="mt-1">両方が変えた項目は、どちらを残すか選んでください：</p>
          {both.map((key) => (
            <fieldset key={key} className="mt-3 rounded border border-rule p-2" data-testid="conflict-field">
              <legend className="font-bold">{labelOf(key)}</legend>
              {(['mine', 'theirs'] as const).map((side) => (
                <label key={side} className="mt-1 flex items-start gap-2">
                  <input
                    type="radio"
                    name={`conflict-${key}`}
                    value={side}
                    checked={(choice[key] ?? 'mine') === side}
                    onChange={() => setChoice((current) => ({ ...current, [key]: side }))}
                  />
                  <span>
                    <span className="font-bold">{side === 'mine' ? 'あなたの編集' : `${theirName}さんの版`}</span>
                    <span className="block whitespace-pre-wrap">
                      {shown(key, side === 'mine' ? mine : theirs, names)}
                    </span>
                  </span>
                </label>
              ))}
            </fieldset>
          ))}
        </>
      ) : (
        <p className="mt-1">両方が変えた項目はありません。</p>
      )}
      <button type="button" onClick={apply} className="mt-3 rounded bg-accent px-4 py-2 font-bold text-paper">
        この内容でフォームに反映する（まだ保存しません）
      </button>
    </section>
  );
}
