/** The two answers an editor gives about a figure the sources did not hold (docs/decisions/0035). */

export const FACT_DECISIONS = ['confirmed', 'checked_elsewhere'] as const;
export type FactDecisionKind = (typeof FACT_DECISIONS)[number];

export const FACT_DECISION_LABELS: Record<FactDecisionKind, string> = {
  confirmed: '確認した',
  checked_elsewhere: '別の資料で確認済み',
};
