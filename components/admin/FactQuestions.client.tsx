'use client';

import { useId } from 'react';
import { FACT_DECISION_LABELS, FACT_DECISIONS } from '@/lib/articles/claims/decision-labels';
import { questionId, type Answers } from '@/lib/articles/claims/answers';
import type { FactsToDecide } from '@/lib/articles/claims/decisions';
import { formatJapaneseDateTime } from '@/lib/format/dates';

/**
 * In the pre-publish confirmation: each figure of the saved text that its sources do not hold,
 * to confirm or mark "checked elsewhere" with a note (docs/decisions/0035). A figure answered for
 * before is shown with its answer and not asked again. The inputs belong to no form: the answers
 * are sent on their own before the save (app/admin/claims-actions.ts).
 */
export function FactQuestions({
  facts,
  answers,
  setAnswers,
}: {
  facts: FactsToDecide;
  answers: Answers;
  setAnswers: (update: (current: Answers) => Answers) => void;
}) {
  const base = useId();
  const open = facts.facts.filter((fact) => !fact.decision).length;
  return (
    <fieldset data-testid="facts-to-decide" className="mt-3 rounded border border-caution p-3 text-sm">
      <legend className="px-1 font-bold">
        {facts.required ? '⚠ ' : ''}出典で確認できない数値・日付（{facts.facts.length}件）
      </legend>
      <p className="text-muted">
        {open === 0
          ? 'すべて確認済みです。'
          : facts.required
            ? 'AI が書いた記事です。一つずつ、確認したか、別の資料で確認したか（どこで確認したかのメモを添えて）を選んでから公開します。'
            : '確認したものは、ここで記録できます。'}
      </p>
      <ul className="mt-2 space-y-3">
        {facts.facts.map((fact, index) => {
          const id = `${base}-${index}`;
          const key = questionId(fact);
          const answer = answers[key] ?? { note: '' };
          const set = (change: Partial<typeof answer>) =>
            setAnswers((current) => ({ ...current, [key]: { ...(current[key] ?? { note: '' }), ...change } }));
          if (fact.decision)
            return (
              <li key={key} data-testid="fact-answered">
                ✓「{fact.fact}」（{fact.section}）：{FACT_DECISION_LABELS[fact.decision.decision]}
                {fact.decision.note ? `：${fact.decision.note}` : ''}（{fact.decision.by}、
                {formatJapaneseDateTime(new Date(fact.decision.at))}）
              </li>
            );
          return (
            <li key={key} role="group" aria-labelledby={`${id}-fact`} data-testid="fact-question">
              <p id={`${id}-fact`} className="font-bold">
                「{fact.fact}」（{fact.section}）
              </p>
              <div className="mt-1 flex flex-wrap gap-4">
                {FACT_DECISIONS.map((decision) => (
                  <label key={decision} className="flex items-center gap-1">
                    <input
                      type="radio"
                      form={`${id}-detached`}
                      name={`${id}-decision`}
                      value={decision}
                      checked={answer.decision === decision}
                      onChange={() => set({ decision })}
                    />
                    {FACT_DECISION_LABELS[decision]}
                  </label>
                ))}
              </div>
              {answer.decision === 'checked_elsewhere' ? (
                <label className="mt-2 block">
                  <span className="block">どこで確認したか（メモ・必須）</span>
                  <textarea
                    form={`${id}-detached`}
                    rows={2}
                    maxLength={1000}
                    required
                    value={answer.note}
                    onChange={(event) => set({ note: event.target.value })}
                    className="mt-1 w-full rounded border border-rule bg-paper px-2 py-1"
                  />
                </label>
              ) : null}
            </li>
          );
        })}
      </ul>
    </fieldset>
  );
}
