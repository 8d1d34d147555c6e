import { z } from 'zod';
import type { ClaimResult } from './check';

/**
 * The list of checked facts readers may open from この記事について (issue #25): each fact, its
 * section, its result and the number of the source it was found in. Read from the stored check
 * (claim_checks.facts), which older rows may have written with fewer fields: anything unreadable
 * gives an empty list, never a broken page. Pure.
 */

export type PublicFact = { fact: string; section: string; result: ClaimResult; source: number | null };

const storedFacts = z.array(
  z.looseObject({
    fact: z.string(),
    section: z.string(),
    result: z.enum(['found', 'not_found', 'not_checkable']),
    source: z.looseObject({ position: z.number().int() }).nullable(),
  }),
);

export function publicFactList(stored: unknown): PublicFact[] {
  const parsed = storedFacts.safeParse(stored);
  if (!parsed.success) return [];
  return parsed.data.map((fact) => ({
    fact: fact.fact,
    section: fact.section,
    result: fact.result,
    source: fact.result === 'found' ? (fact.source?.position ?? null) : null,
  }));
}
