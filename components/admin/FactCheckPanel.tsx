import { Fragment } from 'react';
import type { EditorClaims, EditorFact } from '@/lib/articles/snapshots/store';
import { highlightFacts } from '@/lib/articles/claims/highlight';
import { FACT_DECISION_LABELS } from '@/lib/articles/claims/decision-labels';
import { formatJapaneseDate, formatJapaneseDateTime } from '@/lib/format/dates';

const PROBLEMS: Record<string, string> = {
  status: '読み込めませんでした',
  timeout: '時間内に応答がありませんでした',
  refused: '読み込みを拒否しました',
  too_large: '大きすぎて読み込めませんでした',
  unsupported_type: '読めない形式です',
  network: '接続できませんでした',
  unread: 'まだ読み込んでいません',
};

/** Each result says itself in a symbol and in words, never in colour alone. */
const RESULT = {
  found: { symbol: '✓', words: '出典で確認', mark: 'border-b-2 border-ok bg-ok-soft' },
  not_found: { symbol: '✗', words: '出典に見つからない', mark: 'border-b-2 border-danger bg-danger-soft' },
  not_checkable: { symbol: '？', words: '照合できない', mark: 'border-b-2 border-dashed border-muted bg-transparent' },
} as const;

function factWords(fact: EditorFact): string {
  if (fact.result === 'found') return `出典${fact.source!.position}で確認`;
  if (fact.result === 'not_checkable') return '照合できません';
  return fact.decision
    ? `出典に見つかりません・${FACT_DECISION_LABELS[fact.decision.decision]}`
    : '出典に見つかりません';
}

/**
 * One fact where it stands in the text: marked by its result (a symbol and words as well as a
 * colour), and for a found one, the source's sentence on hover or when focused (a tap focuses it),
 * with no script; screen readers hear it as the mark's description.
 */
function FactMark({ fact, text, id }: { fact: EditorFact; text: string; id: string }) {
  const look = RESULT[fact.result];
  const quote = fact.result === 'found' ? `出典${fact.source!.position}「${fact.source!.title}」：${fact.quote}` : null;
  return (
    <span className="relative">
      <mark
        tabIndex={0}
        data-result={fact.result}
        aria-describedby={quote ? id : undefined}
        className={`peer rounded-sm px-0.5 text-ink focus:outline-2 ${look.mark}`}
      >
        {text}
        <sup aria-hidden="true" className="ml-0.5 text-[0.7em] font-bold">
          {look.symbol}
        </sup>
        <span className="sr-only">（{factWords(fact)}）</span>
      </mark>
      {quote ? (
        <span
          id={id}
          role="tooltip"
          className="invisible absolute top-full left-0 z-10 mt-1 w-max max-w-xs rounded border border-rule bg-paper p-2 text-xs text-ink shadow peer-hover:visible peer-focus:visible"
        >
          {quote}
        </span>
      ) : null}
    </span>
  );
}

/** The section's text with every checked fact marked in place. */
function TextWithFacts({ text, facts, prefix }: { text: string; facts: EditorFact[]; prefix: string }) {
  return (
    <div data-testid="facts-in-text" className="mt-1 space-y-2 leading-relaxed">
      {text
        .split(/\n{2,}/)
        .filter((paragraph) => paragraph.trim())
        .map((paragraph, p) => (
          <p key={p}>
            {highlightFacts(paragraph, facts).map((segment, s) =>
              segment.fact ? (
                <FactMark
                  key={s}
                  fact={segment.fact as EditorFact}
                  text={segment.text}
                  id={`${prefix}-quote-${p}-${s}`}
                />
              ) : (
                <Fragment key={s}>{segment.text}</Fragment>
              ),
            )}
          </p>
        ))}
    </div>
  );
}

/**
 * Each section's figures, dates, quotations and names held against the sources' snapshots
 * (docs/decisions/0028, 0035): marked where they stand in the text, then listed; found ones show
 * the source's sentence when opened (tap or click, no script), those not found are marked with the
 * editor's answer once given. Shown on the edit page, in the preview and in the review queue.
 */
export function FactCheckPanel({
  claims,
  idPrefix = 'facts',
  level = 2,
}: {
  claims: EditorClaims;
  idPrefix?: string;
  /** The panel's heading level (its sections' one below): 2 on a page of its own, deeper inside a list. */
  level?: 2 | 3 | 4;
}) {
  const Heading = `h${level}` as 'h2';
  const SectionHeading = `h${level + 1}` as 'h3';
  const { summary } = claims;
  const troubled = claims.sources.filter((source) => source.problem || source.versions > 1);
  const answered = claims.sections.flatMap((section) => section.facts).filter((fact) => fact.decision).length;
  return (
    <section aria-labelledby={`${idPrefix}-heading`} className="mt-6 rounded border border-rule p-3 text-sm">
      <Heading id={`${idPrefix}-heading`} className="font-bold">
        出典との照合
      </Heading>
      <p className="mt-1" data-testid="facts-summary">
        {summary.total === 0
          ? '照合する数値・日付・引用・固有名詞はありません'
          : `${summary.total}件中 出典で確認 ${summary.found}件・見つからない ${summary.notFound}件・照合できない ${summary.notCheckable}件`}
        {answered > 0 ? `（見つからないもののうち ${answered}件は編集者が確認済み）` : ''}
      </p>
      {summary.total > 0 ? (
        <p className="mt-1 text-muted" data-testid="facts-legend">
          {Object.values(RESULT)
            .map((look) => `${look.symbol} ${look.words}`)
            .join('　')}
        </p>
      ) : null}
      {troubled.length > 0 ? (
        <ul className="mt-2 list-disc pl-5">
          {troubled.map((source) => (
            <li key={source.position} data-testid="source-state">
              出典{source.position}「{source.title}」：
              {source.problem
                ? `${PROBLEMS[source.problem] ?? source.problem}${source.detail ? `（${source.detail}）` : ''}。照合できません`
                : source.changedSinceSaved
                  ? `記事を保存した後に出典の内容が変わりました（${formatJapaneseDate(new Date(source.changedSinceSaved))}に確認、${source.versions}版）。記事は前の内容をもとに書かれています`
                  : `最初に読み込んでから内容が変わっています（${source.versions}版）`}
            </li>
          ))}
        </ul>
      ) : null}
      {claims.sections.map((section) => (
        <div key={section.sectionIndex} className="mt-3" data-testid="facts-section">
          <SectionHeading className="font-bold">{section.section}</SectionHeading>
          {section.text ? (
            <TextWithFacts text={section.text} facts={section.facts} prefix={`${idPrefix}-${section.sectionIndex}`} />
          ) : null}
          <ul className="mt-2 flex flex-wrap gap-2" aria-label={`${section.section}の照合結果`}>
            {section.facts.map((fact, index) => (
              <li key={index} data-result={fact.result}>
                {fact.result === 'found' ? (
                  <details className="inline-block">
                    <summary className="cursor-pointer rounded border border-ok px-1 text-ok">
                      {fact.fact}
                      <span className="sr-only">：出典{fact.source!.position}で確認</span>
                    </summary>
                    <blockquote className="mt-1 max-w-prose border-l-2 border-ok pl-2 text-muted">
                      出典{fact.source!.position}「{fact.source!.title}」：{fact.quote}
                    </blockquote>
                  </details>
                ) : fact.result === 'not_found' ? (
                  <>
                    <mark className="rounded px-1" title="引用した出典に見つかりません">
                      {fact.fact}
                      <span className="sr-only">：出典に見つかりません</span>
                    </mark>
                    {fact.decision ? (
                      <span className="ml-1 text-muted" data-testid="fact-decision">
                        {`${FACT_DECISION_LABELS[fact.decision.decision]}${fact.decision.note ? `：${fact.decision.note}` : ''}（${fact.decision.by}、${formatJapaneseDateTime(new Date(fact.decision.at))}）`}
                      </span>
                    ) : null}
                  </>
                ) : (
                  <span
                    className="rounded border border-dashed border-rule px-1 text-muted"
                    title="出典を読み込めていません"
                  >
                    {fact.fact}
                    <span className="sr-only">：照合できません</span>
                  </span>
                )}
              </li>
            ))}
          </ul>
        </div>
      ))}
    </section>
  );
}
