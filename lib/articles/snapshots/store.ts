import 'server-only';
import { db } from '../../platform/db';
import { log } from '../../platform/logger.mjs';
import { claimsFingerprint } from '../claims/fingerprint';
import {
  checkClaims,
  factsBySection,
  summarize,
  type CheckedFact,
  type ClaimSummary,
  type SectionFacts,
} from '../claims/check';
import { assertMayEditArticles, type Actor } from '../../auth/actor';
import { citedUrls, UnknownArticleError } from '../source-health';
import { fetchSource, type FetchedSource, type FetchOptions } from './fetch-source';
import { decisionFor, latestDecisions, type FactDecision } from '../claims/decision-store';

/**
 * Snapshots of cited sources in the database (docs/decisions/0028), and the check of each
 * article's figures against them. A reading that gives the same text as the last one only moves
 * `last_seen_at`; new text gets a new row and the old rows stay; a failure is kept as a row with a
 * problem and no text (a run of the same failure is one row), so the source reads "not checked".
 */

export async function recordSnapshot(fetched: FetchedSource): Promise<void> {
  const latest = await db().sourceSnapshot.findFirst({
    where: { url: fetched.url },
    orderBy: [{ lastSeenAt: 'desc' }, { id: 'desc' }],
  });
  const seen = fetched.retrievedAt;
  if (fetched.ok) {
    if (latest && latest.text !== null && latest.contentHash === fetched.contentHash) {
      await db().sourceSnapshot.update({
        where: { id: latest.id },
        data: { lastSeenAt: seen, status: fetched.status, finalUrl: fetched.finalUrl },
      });
      return;
    }
    await db().sourceSnapshot.create({
      data: {
        url: fetched.url,
        finalUrl: fetched.finalUrl,
        status: fetched.status,
        contentType: fetched.contentType,
        retrievedAt: seen,
        lastSeenAt: seen,
        contentHash: fetched.contentHash,
        text: fetched.text,
      },
    });
    return;
  }
  if (latest && latest.text === null && latest.problem === fetched.problem) {
    await db().sourceSnapshot.update({
      where: { id: latest.id },
      data: { lastSeenAt: seen, status: fetched.status, detail: fetched.detail, finalUrl: fetched.finalUrl },
    });
    return;
  }
  await db().sourceSnapshot.create({
    data: {
      url: fetched.url,
      finalUrl: fetched.finalUrl,
      status: fetched.status,
      contentType: fetched.contentType,
      retrievedAt: seen,
      lastSeenAt: seen,
      problem: fetched.problem,
      detail: fetched.detail,
    },
  });
}

export type TakeOptions = FetchOptions & {
  concurrency?: number;
  articleSlug?: string;
  urls?: string[];
  /** Only the sources that have never been read. */
  missingOnly?: boolean;
};

/**
 * Reads the sources (every cited one, one article's, or the given URLs), those never read first,
 * records each snapshot, and checks the figures of every article that cites one again.
 */
export async function takeSnapshots({
  concurrency = 4,
  articleSlug,
  urls,
  missingOnly = false,
  ...fetchOptions
}: TakeOptions = {}): Promise<FetchedSource[]> {
  const cited = await citedUrls({ urls, articleSlug });
  const read = new Set(
    (
      await db().sourceSnapshot.findMany({ where: { url: { in: cited } }, distinct: ['url'], select: { url: true } })
    ).map((row) => row.url),
  );
  const targets = [
    ...cited.filter((url) => !read.has(url)),
    ...(missingOnly ? [] : cited.filter((url) => read.has(url))),
  ];
  const results: FetchedSource[] = [];
  let next = 0;
  async function worker() {
    while (next < targets.length) {
      const fetched = await fetchSource(targets[next++]!, fetchOptions);
      await recordSnapshot(fetched);
      results.push(fetched);
    }
  }
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, targets.length)) }, worker));
  const articles = await db().source.findMany({
    where: { url: { in: targets }, article: { deletedAt: null } },
    distinct: ['articleId'],
    select: { articleId: true },
  });
  for (const { articleId } of articles) await recheckArticle(articleId);
  return results;
}

export type SnapshotState = {
  /** The latest reading that gave text, if any. */
  usable: { retrievedAt: Date; lastSeenAt: Date; text: string; contentHash: string | null } | null;
  /** The latest reading of any kind, and what went wrong with it. */
  latest: { lastSeenAt: Date; problem: string | null; detail: string | null; status: number | null } | null;
  /** How many different texts the source has had. */
  versions: number;
};

export async function snapshotStates(urls: string[]): Promise<Map<string, SnapshotState>> {
  const rows = await db().sourceSnapshot.findMany({
    where: { url: { in: [...new Set(urls)] } },
    orderBy: [{ lastSeenAt: 'desc' }, { id: 'desc' }],
  });
  const states = new Map<string, SnapshotState>();
  for (const row of rows) {
    let state = states.get(row.url);
    if (!state) {
      state = {
        usable: null,
        latest: { lastSeenAt: row.lastSeenAt, problem: row.problem, detail: row.detail, status: row.status },
        versions: 0,
      };
      states.set(row.url, state);
    }
    if (row.text !== null) {
      state.versions += 1;
      state.usable ??= {
        retrievedAt: row.retrievedAt,
        lastSeenAt: row.lastSeenAt,
        text: row.text,
        contentHash: row.contentHash,
      };
    }
  }
  return states;
}

/** JSON with object keys sorted, so that a value read back from jsonb compares equal to the one written. */
function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_, inner: unknown) =>
    inner && typeof inner === 'object' && !Array.isArray(inner)
      ? Object.fromEntries(Object.entries(inner).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : inner,
  );
}

export type ArticleClaims = {
  facts: CheckedFact[];
  checkedAt: Date;
  version: number;
  textHash: string;
  /** When the text each source's facts were checked against was first read; absent for a source never read. */
  sourcesRead: { url: string; readAt: string }[];
};

/** Checks an article's figures against its sources' latest snapshots, without storing anything. */
export async function checkArticle(articleId: number): Promise<ArticleClaims> {
  const article = await db().article.findUniqueOrThrow({
    where: { id: articleId },
    select: {
      version: true,
      lead: true,
      sections: { orderBy: { position: 'asc' }, select: { heading: true, body: true, cites: true } },
      sources: { orderBy: { position: 'asc' }, select: { title: true, url: true } },
    },
  });
  const states = await snapshotStates(article.sources.map((source) => source.url));
  const snapshots = new Map<string, string>();
  const sourcesRead: ArticleClaims['sourcesRead'] = [];
  for (const [url, state] of states) {
    if (!state.usable) continue;
    snapshots.set(url, state.usable.text);
    // When the text the figures are checked against was first read: stable while the page is unchanged.
    sourcesRead.push({ url, readAt: state.usable.retrievedAt.toISOString() });
  }
  return {
    facts: checkClaims({ lead: article.lead, sections: article.sections, sources: article.sources, snapshots }),
    checkedAt: new Date(),
    version: article.version,
    textHash: claimsFingerprint(article),
    sourcesRead,
  };
}

/** Checks an article again and keeps the result, which この記事について counts. */
export async function recheckArticle(articleId: number): Promise<ArticleClaims> {
  const checked = await checkArticle(articleId);
  const summary = summarize(checked.facts);
  const data = {
    version: checked.version,
    textHash: checked.textHash,
    sourcesRead: checked.sourcesRead,
    checkedAt: checked.checkedAt,
    total: summary.total,
    found: summary.found,
    notCheckable: summary.notCheckable,
    facts: checked.facts,
  };
  // An unchanged result is not written again: every write expires the article's pages (the change
  // feed), and a scheduled sources:check would otherwise expire every article it re-reads.
  const stored = await db().claimCheck.findUnique({ where: { articleId } });
  if (
    stored &&
    stored.textHash === data.textHash &&
    canonicalJson(stored.facts) === canonicalJson(data.facts) &&
    canonicalJson(stored.sourcesRead) === canonicalJson(data.sourcesRead)
  ) {
    return checked;
  }
  await db().claimCheck.upsert({ where: { articleId }, create: { articleId, ...data }, update: data });
  return checked;
}

export async function articleIdForSlug(slug: string): Promise<number> {
  const article = await db().article.findFirst({ where: { slug, deletedAt: null }, select: { id: true } });
  if (!article) throw new UnknownArticleError(`no article has the slug "${slug}"`);
  return article.id;
}

/**
 * The facts of an article that its sources did not support: the pre-publish confirmation's
 * "figures not found" check plugs this in. Checked now, against the latest snapshots.
 */
export async function unsupportedFacts(articleId: number): Promise<CheckedFact[]> {
  return (await checkArticle(articleId)).facts.filter((fact) => fact.result === 'not_found');
}

export type EditorFact = CheckedFact & {
  /** For a figure not found: the editor's answer, if one was given (docs/decisions/0035). */
  decision: FactDecision | null;
};

export type EditorSection = Omit<SectionFacts, 'facts'> & {
  facts: EditorFact[];
  /** The section's text as saved (the lead's for リード), for the facts marked in place. */
  text: string;
};

export type EditorClaims = {
  sections: EditorSection[];
  summary: ClaimSummary;
  /** Sources whose text changed after Kiji first read it, or that could not be read, and why. */
  sources: {
    position: number;
    title: string;
    versions: number;
    problem: string | null;
    detail: string | null;
    /**
     * When Kiji first read the source's present text, if that was after the article was last saved
     * and the source said something else before: the article was written against older text.
     */
    changedSinceSaved?: string | null;
  }[];
};

/** What the edit page and the preview show: each section's facts, checked now, and each source's state. */
export async function claimsForEditor(actor: Actor, articleId: number): Promise<EditorClaims> {
  assertMayEditArticles(actor);
  const [{ facts }, decisions, article] = await Promise.all([
    checkArticle(articleId),
    latestDecisions(articleId),
    db().article.findUniqueOrThrow({
      where: { id: articleId },
      select: {
        updatedAt: true,
        lead: true,
        sections: { orderBy: { position: 'asc' }, select: { body: true } },
        sources: { orderBy: { position: 'asc' }, select: { position: true, title: true, url: true } },
      },
    }),
  ]);
  const texts = [article.lead, ...article.sections.map((section) => section.body)];
  const states = await snapshotStates(article.sources.map((source) => source.url));
  return {
    sections: factsBySection(facts).map((section) => ({
      ...section,
      text: texts[section.sectionIndex] ?? '',
      facts: section.facts.map((fact) => ({
        ...fact,
        decision: fact.result === 'not_found' ? decisionFor(decisions, fact) : null,
      })),
    })),
    summary: summarize(facts),
    sources: article.sources.map((source) => {
      const state = states.get(source.url);
      const failed = state?.latest?.problem ? state.latest : null;
      const changed =
        state?.usable && state.versions > 1 && state.usable.retrievedAt > article.updatedAt
          ? state.usable.retrievedAt.toISOString()
          : null;
      return {
        position: source.position + 1,
        title: source.title,
        versions: state?.versions ?? 0,
        problem: failed?.problem ?? (state ? null : 'unread'),
        detail: failed?.detail ?? null,
        changedSinceSaved: changed,
      };
    }),
  };
}

// ---- After a save: read the new sources and check again, off the save's path ----

const pending = new Set<Promise<void>>();

/**
 * Called by the writer once a write has committed: reads the article's sources that have never
 * been read, then checks its figures again. Never awaited by the save; failures are logged.
 */
export function afterArticleWrite(articleId: number): void {
  const work = (async () => {
    try {
      const sources = await db().source.findMany({ where: { articleId }, select: { url: true } });
      const exists = await db().article.findFirst({ where: { id: articleId, deletedAt: null }, select: { id: true } });
      if (!exists) return;
      if (sources.length > 0) await takeSnapshots({ urls: sources.map((source) => source.url), missingOnly: true });
      await recheckArticle(articleId);
    } catch (error) {
      log.warn('source_snapshot_failed', { articleId, error: String((error as Error)?.message ?? error) });
    }
  })();
  pending.add(work);
  void work.finally(() => pending.delete(work));
}

/** Waits for the after-save work in flight (commands before they exit, tests before they look). */
export async function settleSourceWork(): Promise<void> {
  while (pending.size > 0) await Promise.all([...pending]);
}
