import type { FactDecisionKind } from './decision-labels';
import type { FactsToDecide, FactToDecide } from './decisions';

/**
 * The answers being given in the pre-publish confirmation (docs/decisions/0035), and whether the
 * article may go out with them. Pure: the dialog and its tests share it.
 */

export type Answer = { decision?: FactDecisionKind; note: string };
export type Answers = Record<string, Answer>;

/** Which question an answer belongs to: a figure in a section. */
export const questionId = (fact: Pick<FactToDecide, 'section' | 'fact'>) => `${fact.section}\u0000${fact.fact}`;

const complete = (answer: Answer | undefined) =>
  answer?.decision === 'confirmed' || (answer?.decision === 'checked_elsewhere' && answer.note.trim().length > 0);

/**
 * `ready`: every figure not yet answered for has a complete answer now (a note for "checked
 * elsewhere"), or the article is not one that must (not AI). `toRecord`: the complete answers.
 */
export function readyAnswers(
  facts: FactsToDecide | null,
  answers: Answers,
): { ready: boolean; toRecord: { section: string; fact: string; decision: FactDecisionKind; note?: string }[] } {
  const open = (facts?.facts ?? []).filter((fact) => !fact.decision);
  const toRecord = open
    .filter((fact) => complete(answers[questionId(fact)]))
    .map((fact) => {
      const answer = answers[questionId(fact)]!;
      return {
        section: fact.section,
        fact: fact.fact,
        decision: answer.decision!,
        ...(answer.note.trim() ? { note: answer.note.trim() } : {}),
      };
    });
  return { ready: !facts?.required || toRecord.length === open.length, toRecord };
}
