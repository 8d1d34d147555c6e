import type { CheckedFact, ClaimResult } from './check';

/** The published JSON form of a check, which scripts and CI rely on: keep its keys stable. */
export type ClaimJson = {
  fact: string;
  section: string;
  result: ClaimResult;
  /** The URL of the source it was found in, or null. */
  source: string | null;
  /** The source's sentence that holds it, or null. */
  quote: string | null;
};

export function claimsAsJson(facts: CheckedFact[]): ClaimJson[] {
  return facts.map((fact) => ({
    fact: fact.fact,
    section: fact.section,
    result: fact.result,
    source: fact.source?.url ?? null,
    quote: fact.quote,
  }));
}

export const CLAIM_RESULT_LABELS: Record<ClaimResult, string> = {
  found: 'found',
  not_found: 'not_found',
  not_checkable: 'not_checkable',
};
