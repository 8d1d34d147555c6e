import type { RevisionDecisions } from '@/lib/articles/claims/decisions';
import { FACT_DECISION_LABELS } from '@/lib/articles/claims/decision-labels';
import { formatJapaneseDateTime } from '@/lib/format/dates';

/**
 * On the revision history: the editors' answers about figures the sources did not hold
 * (docs/decisions/0035), under the version whose revision carries them: which figure, the answer,
 * the note, who and when.
 */
export function ClaimDecisionList({ groups }: { groups: RevisionDecisions[] }) {
  if (groups.length === 0) return null;
  return (
    <section aria-labelledby="claim-decisions-heading" className="mt-6" data-testid="claim-decisions">
      <h2 id="claim-decisions-heading" className="text-lg font-bold">
        出典にない数値の確認
      </h2>
      {groups.map((group) => (
        <div key={group.version ?? 'pending'} className="mt-2">
          <h3 className="font-bold">{group.version === null ? 'まだ保存されていない判断' : `第${group.version}版`}</h3>
          <ul className="mt-1 list-disc pl-5 text-sm">
            {group.decisions.map((decision, index) => (
              <li key={index}>
                「{decision.fact}」（{decision.section}）：{FACT_DECISION_LABELS[decision.decision]}
                {decision.note ? `：${decision.note}` : ''}（{decision.by}、
                {formatJapaneseDateTime(new Date(decision.at))}）
              </li>
            ))}
          </ul>
        </div>
      ))}
    </section>
  );
}
