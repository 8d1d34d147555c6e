import type { PublicFact } from '@/lib/articles/claims/public-list';

export const CHECKED_FACTS_ID = 'checked-facts';

const RESULT_WORDS: Record<PublicFact['result'], (fact: PublicFact) => string> = {
  found: (fact) => `出典${fact.source}で確認`,
  not_found: () => '出典には見当たりません',
  not_checkable: () => '出典を読めず、照合できませんでした',
};

/**
 * この記事について's list of the figures, dates, quotations and names held against the sources
 * (issue #25): each with its section and what the check found, in words. Opens without a script.
 */
export function CheckedFacts({ facts }: { facts: PublicFact[] }) {
  if (facts.length === 0) return null;
  return (
    <details id={CHECKED_FACTS_ID} className="mt-3" data-testid="checked-facts">
      <summary className="cursor-pointer">{`照合した数値・日付などの一覧（${facts.length}件）`}</summary>
      <ol className="mt-2 list-decimal space-y-1 pl-6">
        {facts.map((fact, index) => (
          <li key={index}>{`「${fact.fact}」（${fact.section}）：${RESULT_WORDS[fact.result](fact)}`}</li>
        ))}
      </ol>
    </details>
  );
}
