import 'server-only';
import { db } from '../../platform/db';
import type { CheckedFact } from './check';
import type { FactDecisionKind } from './decision-labels';

/**
 * The editor's answers about figures the sources did not hold, as stored (docs/decisions/0035):
 * read by the edit page's list and by the pre-publish confirmation (decisions.ts).
 */

export type FactDecision = {
  decision: FactDecisionKind;
  note: string | null;
  by: string;
  at: string;
  /** The version whose revision carries it; null until the article is next saved. */
  revisionVersion: number | null;
};

export const identity = (section: string, fact: string) => JSON.stringify([section, fact]);

type DecisionRow = {
  section: string;
  fact: string;
  decision: string;
  note: string | null;
  actorLabel: string;
  decidedAt: Date;
  revisionVersion: number | null;
};

export const asDecision = (row: DecisionRow): FactDecision => ({
  decision: row.decision as FactDecisionKind,
  note: row.note,
  by: row.actorLabel,
  at: row.decidedAt.toISOString(),
  revisionVersion: row.revisionVersion,
});

export const rowSelect = {
  section: true,
  fact: true,
  decision: true,
  note: true,
  actorLabel: true,
  decidedAt: true,
  revisionVersion: true,
} as const;

/** The latest answer for each figure of the article, by section and figure. */
export async function latestDecisions(articleId: number): Promise<Map<string, FactDecision>> {
  const rows = await db().claimDecision.findMany({
    where: { articleId },
    orderBy: [{ decidedAt: 'desc' }, { id: 'desc' }],
    select: rowSelect,
  });
  const latest = new Map<string, FactDecision>();
  for (const row of rows)
    if (!latest.has(identity(row.section, row.fact))) latest.set(identity(row.section, row.fact), asDecision(row));
  return latest;
}

/** The answer given for a checked fact, if any. */
export function decisionFor(decisions: Map<string, FactDecision>, fact: Pick<CheckedFact, 'section' | 'fact'>) {
  return decisions.get(identity(fact.section, fact.fact)) ?? null;
}
