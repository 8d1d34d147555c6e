import { extractFacts, locateFacts, normalizeText, searchForm, type DateParts, type Fact } from './facts';

/**
 * Holds each fact of an article against the snapshots of the sources its section cites (all of the
 * article's sources when it cites none): *found* (in which source, and the sentence around it),
 * *not found*, or *not checkable* (a source it could be in has no snapshot). Pure and fast: each
 * snapshot is read once into an index, and every lookup is a map hit or one string search.
 */

export type ClaimResult = 'found' | 'not_found' | 'not_checkable';

export type CheckedFact = {
  fact: string;
  kind: Fact['kind'];
  /** The normalised form every way of writing the fact shares (三万二千人 and 32,000人 alike). */
  key: string;
  /** The section's heading (リード for the lead). */
  section: string;
  sectionIndex: number;
  result: ClaimResult;
  /** The source it was found in (1-based position in 参考・出典), or null. */
  source: { position: number; title: string; url: string } | null;
  /** The source's sentence that holds it, as the source wrote it. */
  quote: string | null;
};

export type CheckInput = {
  lead: string;
  sections: { heading: string; body: string; cites: number[] }[];
  sources: { title: string; url: string }[];
  /** The latest readable text of each source URL; a URL with none is not checkable. */
  snapshots: Map<string, string>;
};

export const LEAD_SECTION = 'リード';

type SourceIndex = {
  sentences: string[];
  keys: Map<string, number>;
  dates: { date: DateParts; sentence: number }[];
  times: { hour: number; minute: number; sentence: number }[];
  years: Set<number>;
  /** The search forms of all sentences joined by a separator, and where each starts. */
  joined: string;
  starts: number[];
};

const SENTENCE_END = /[。！？!?]|\n|\.(?=\s)/g;

/** Reads a source's text once: its sentences, and every figure, date and time with its sentence. */
export function indexSource(text: string): SourceIndex {
  const normal = normalizeText(text);
  // Sentences of the normalised text, with where each starts.
  const sentences: string[] = [];
  const sentenceStarts: number[] = [];
  let from = 0;
  const push = (to: number) => {
    const raw = normal.slice(from, to);
    const trimmed = raw.trim();
    if (trimmed) {
      sentences.push(trimmed);
      sentenceStarts.push(from);
    }
    from = to;
  };
  for (const match of normal.matchAll(SENTENCE_END)) push(match.index! + match[0].length);
  push(normal.length);
  const index: SourceIndex = {
    sentences,
    keys: new Map(),
    dates: [],
    times: [],
    years: new Set(),
    joined: '',
    starts: [],
  };
  const sentenceOf = (offset: number) => {
    let low = 0;
    let high = sentenceStarts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (sentenceStarts[mid]! <= offset) low = mid;
      else high = mid - 1;
    }
    return low;
  };
  for (const { fact, at } of locateFacts(normal, { phrases: false })) {
    const n = sentenceOf(at);
    if (!index.keys.has(fact.key)) index.keys.set(fact.key, n);
    if (fact.kind === 'date') {
      index.dates.push({ date: fact.date, sentence: n });
      if (fact.date.y !== null) index.years.add(fact.date.y);
    } else if (fact.kind === 'time') index.times.push({ hour: fact.hour, minute: fact.minute, sentence: n });
    else if (fact.kind === 'number' && fact.key.endsWith(':年')) index.years.add(Number(fact.key.split(':')[1]));
  }
  const parts: string[] = [];
  let offset = 0;
  for (const sentence of sentences) {
    const form = searchForm(sentence);
    index.starts.push(offset);
    parts.push(form);
    offset += form.length + 1;
  }
  index.joined = parts.join('\u0000');
  return index;
}

function sentenceAt(index: SourceIndex, offset: number): number {
  let low = 0;
  let high = index.starts.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (index.starts[mid]! <= offset) low = mid;
    else high = mid - 1;
  }
  return low;
}

/** Where in the source the fact is, as a sentence number, or -1. */
function lookUp(index: SourceIndex, fact: Fact): number {
  switch (fact.kind) {
    case 'number':
      return index.keys.get(fact.key) ?? -1;
    case 'date': {
      const { y, m, d } = fact.date;
      const exact = index.keys.get(fact.key);
      if (exact !== undefined) return exact;
      for (const entry of index.dates) {
        const s = entry.date;
        if (m !== null && s.m !== m) continue;
        if (d !== null && s.d !== d) continue;
        if (m === null && d === null && s.y !== y) continue;
        // A year the source writes only elsewhere (10月18日 under a 2025年 heading) still counts.
        if (y !== null && s.y !== y && !(s.y === null && index.years.has(y))) continue;
        return entry.sentence;
      }
      return -1;
    }
    case 'time': {
      for (const entry of index.times) {
        if (entry.minute !== fact.minute) continue;
        if (entry.hour === fact.hour || (!fact.meridiem && fact.hour < 12 && entry.hour === fact.hour + 12))
          return entry.sentence;
      }
      return -1;
    }
    default: {
      const needle = fact.key.slice(2);
      const at = needle ? index.joined.indexOf(needle) : -1;
      return at < 0 ? -1 : sentenceAt(index, at);
    }
  }
}

const QUOTE_LIMIT = 200;

function quoteOf(sentence: string, fact: Fact): string {
  if (sentence.length <= QUOTE_LIMIT) return sentence;
  const at = Math.max(0, normalizeText(sentence).indexOf(fact.text));
  const start = Math.max(0, Math.min(at - QUOTE_LIMIT / 2, sentence.length - QUOTE_LIMIT));
  return `${start > 0 ? '…' : ''}${sentence.slice(start, start + QUOTE_LIMIT)}${start + QUOTE_LIMIT < sentence.length ? '…' : ''}`;
}

export function checkClaims(input: CheckInput): CheckedFact[] {
  const indexes = new Map<string, SourceIndex>();
  const indexOf = (url: string): SourceIndex | null => {
    const text = input.snapshots.get(url);
    if (text === undefined) return null;
    let index = indexes.get(url);
    if (!index) indexes.set(url, (index = indexSource(text)));
    return index;
  };
  const all = input.sources.map((_, i) => i + 1);
  const sections = [{ heading: LEAD_SECTION, body: input.lead, cites: [] as number[] }, ...input.sections];
  const results: CheckedFact[] = [];
  sections.forEach((section, sectionIndex) => {
    const cited = section.cites.filter((n) => n >= 1 && n <= input.sources.length);
    const positions = cited.length > 0 ? cited : all;
    for (const fact of extractFacts(section.body)) {
      let result: ClaimResult = positions.length === 0 ? 'not_checkable' : 'not_found';
      let source: CheckedFact['source'] = null;
      let quote: string | null = null;
      for (const position of positions) {
        const { title, url } = input.sources[position - 1]!;
        const index = indexOf(url);
        if (!index) {
          result = 'not_checkable';
          continue;
        }
        const sentence = lookUp(index, fact);
        if (sentence >= 0) {
          result = 'found';
          source = { position, title, url };
          quote = quoteOf(index.sentences[sentence]!, fact);
          break;
        }
      }
      results.push({
        fact: fact.text,
        kind: fact.kind,
        key: fact.key,
        section: section.heading,
        sectionIndex,
        result,
        source,
        quote,
      });
    }
  });
  return results;
}

export type ClaimSummary = { total: number; found: number; notFound: number; notCheckable: number };

export function summarize(facts: Pick<CheckedFact, 'result'>[]): ClaimSummary {
  const count = (result: ClaimResult) => facts.filter((fact) => fact.result === result).length;
  return {
    total: facts.length,
    found: count('found'),
    notFound: count('not_found'),
    notCheckable: count('not_checkable'),
  };
}

export type SectionFacts = { section: string; sectionIndex: number; facts: CheckedFact[] };

/** The facts of each section in order, for the editor's list (sections with none left out). */
export function factsBySection(facts: CheckedFact[]): SectionFacts[] {
  const sections = new Map<number, SectionFacts>();
  for (const fact of facts) {
    let entry = sections.get(fact.sectionIndex);
    if (!entry)
      sections.set(fact.sectionIndex, (entry = { section: fact.section, sectionIndex: fact.sectionIndex, facts: [] }));
    entry.facts.push(fact);
  }
  return [...sections.values()].sort((a, b) => a.sectionIndex - b.sectionIndex);
}
