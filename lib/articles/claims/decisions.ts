import 'server-only';
import { z } from 'zod';
import { assertMayEditArticles, ForbiddenError, type Actor } from '../../auth/actor';
import { actorLabel, audit } from '../../auth/audit';
import { normalizeText as normalizeInput } from '../../format/normalize';
import { db } from '../../platform/db';
import { checkArticle } from '../snapshots/store';
import type { CheckedFact } from './check';
import { asDecision, decisionFor, identity, latestDecisions, rowSelect, type FactDecision } from './decision-store';
import { FACT_DECISIONS } from './decision-labels';

/**
 * The editor's answer to each figure the sources did not hold (docs/decisions/0035): *confirmed*
 * (the editor vouches for it), or *checked elsewhere*, with a note saying where. Who and when are
 * kept with the answer and in the audit log; the article's next revision carries it (the writer
 * stamps `revision_version` in its transaction). An answer holds for the same figure in the same
 * section: a figure rewritten is asked about again.
 */

export type FactToDecide = Pick<CheckedFact, 'fact' | 'key' | 'kind' | 'section' | 'sectionIndex'> & {
  /** The latest answer given for this figure in this section, if any: it clears the question. */
  decision: FactDecision | null;
};

export type FactsToDecide = {
  /** An AI article (ai-generated or ai-assisted) is published only once every figure is answered. */
  required: boolean;
  facts: FactToDecide[];
};

const NOTE_MAX = 1000;

const decisionSchema = z
  .object({
    section: z.string().min(1).max(200),
    fact: z.string().min(1).max(300),
    decision: z.enum(FACT_DECISIONS),
    note: z
      .string()
      .max(NOTE_MAX)
      .transform((note) => normalizeInput(note).trim())
      .optional(),
  })
  .refine((answer) => answer.decision !== 'checked_elsewhere' || (answer.note ?? '').length > 0, {
    message: '別の資料で確認した数値には、どこで確認したかのメモが必要です',
    path: ['note'],
  });

export const decisionsInputSchema = z.array(decisionSchema).min(1).max(200);
export type DecisionInput = z.input<typeof decisionSchema>;

/**
 * What the pre-publish confirmation asks about: every figure of the saved text its sources do not
 * hold, checked now, each with the answer already given. `disclosure` is the form's (what is being
 * published); without it, the article's as stored.
 */
export async function factsToDecide(
  actor: Actor,
  articleId: number,
  disclosure?: 'ai-generated' | 'ai-assisted' | 'human',
): Promise<FactsToDecide> {
  assertMayEditArticles(actor);
  const [{ facts }, decisions, article] = await Promise.all([
    checkArticle(articleId),
    latestDecisions(articleId),
    db().article.findUniqueOrThrow({ where: { id: articleId }, select: { disclosure: true } }),
  ]);
  const kind = disclosure ?? (article.disclosure === 'human' ? 'human' : 'ai-generated');
  return {
    required: kind !== 'human',
    facts: facts
      .filter((fact) => fact.result === 'not_found')
      .map((fact) => ({
        fact: fact.fact,
        key: fact.key,
        kind: fact.kind,
        section: fact.section,
        sectionIndex: fact.sectionIndex,
        decision: decisionFor(decisions, fact),
      })),
  };
}

export type RecordResult = { ok: true; recorded: number } | { ok: false; message: string };

/**
 * Records the editor's answers, each for a figure the sources do not hold right now (an answer
 * for anything else is not kept: the text or the sources changed since the question was asked),
 * and one audit entry with every answer and its note.
 */
export async function recordFactDecisions(actor: Actor, articleId: number, answers: unknown): Promise<RecordResult> {
  assertMayEditArticles(actor);
  if (actor.kind === 'integration') throw new ForbiddenError('連携キーでは照合の判断を記録できません');
  const parsed = decisionsInputSchema.safeParse(answers);
  if (!parsed.success) return { ok: false, message: parsed.error.issues[0]?.message ?? '判断を読み取れません' };
  const { facts } = await checkArticle(articleId);
  const open = new Set(
    facts.filter((fact) => fact.result === 'not_found').map((fact) => identity(fact.section, fact.fact)),
  );
  const kept = parsed.data.filter((answer) => open.has(identity(answer.section, answer.fact)));
  if (kept.length === 0) return { ok: true, recorded: 0 };
  const label = actor.kind === 'user' ? actor.name : actorLabel(actor);
  await db().$transaction(async (tx) => {
    await tx.claimDecision.createMany({
      data: kept.map((answer) => ({
        articleId,
        section: answer.section,
        fact: answer.fact,
        decision: answer.decision,
        note: answer.note || null,
        actorId: actor.kind === 'user' ? actor.userId : null,
        actorLabel: label,
      })),
    });
    await audit(
      {
        actor,
        action: 'article_claims_decide',
        targetType: 'article',
        targetId: articleId,
        detail: {
          facts: kept.map((answer) => ({
            fact: answer.fact,
            section: answer.section,
            decision: answer.decision,
            note: answer.note || null,
          })),
        },
      },
      tx,
    );
  });
  return { ok: true, recorded: kept.length };
}

export type RevisionDecisions = {
  version: number | null;
  decisions: (FactDecision & { fact: string; section: string })[];
};

/** Every answer given for the article, grouped by the revision that carries it (newest first; null: not saved since). */
export async function decisionsByRevision(actor: Actor, articleId: number): Promise<RevisionDecisions[]> {
  assertMayEditArticles(actor);
  const rows = await db().claimDecision.findMany({
    where: { articleId },
    orderBy: [{ decidedAt: 'desc' }, { id: 'desc' }],
    select: rowSelect,
  });
  const groups = new Map<number | null, RevisionDecisions>();
  for (const row of rows) {
    let group = groups.get(row.revisionVersion);
    if (!group) groups.set(row.revisionVersion, (group = { version: row.revisionVersion, decisions: [] }));
    group.decisions.push({ ...asDecision(row), fact: row.fact, section: row.section });
  }
  return [...groups.values()].sort((a, b) => (b.version ?? Infinity) - (a.version ?? Infinity));
}
