import type { EditorClaims } from '@/lib/articles/snapshots/store';

const PROBLEMS: Record<string, string> = {
  status: '読み込めませんでした',
  timeout: '時間内に応答がありませんでした',
  refused: '読み込みを拒否しました',
  too_large: '大きすぎて読み込めませんでした',
  unsupported_type: '読めない形式です',
  network: '接続できませんでした',
  unread: 'まだ読み込んでいません',
};

/**
 * Each section's figures, dates, quotations and names held against the sources' snapshots
 * (docs/decisions/0028): found ones show the source's sentence when opened (tap or click, no
 * script), those not found are marked. Shown on the edit page and in the preview.
 */
export function FactCheckPanel({ claims }: { claims: EditorClaims }) {
  const { summary } = claims;
  const troubled = claims.sources.filter((source) => source.problem || source.versions > 1);
  return (
    <section aria-labelledby="facts-heading" className="mt-6 rounded border border-rule p-3 text-sm">
      <h2 id="facts-heading" className="font-bold">
        出典との照合
      </h2>
      <p className="mt-1" data-testid="facts-summary">
        {summary.total === 0
          ? '照合する数値・日付・引用・固有名詞はありません'
          : `${summary.total}件中 出典で確認 ${summary.found}件・見つからない ${summary.notFound}件・照合できない ${summary.notCheckable}件`}
      </p>
      {troubled.length > 0 ? (
        <ul className="mt-2 list-disc pl-5">
          {troubled.map((source) => (
            <li key={source.position}>
              出典{source.position}「{source.title}」：
              {source.problem
                ? `${PROBLEMS[source.problem] ?? source.problem}${source.detail ? `（${source.detail}）` : ''}。照合できません`
                : `最初に読み込んでから内容が変わっています（${source.versions}版）`}
            </li>
          ))}
        </ul>
      ) : null}
      {claims.sections.map((section) => (
        <div key={section.sectionIndex} className="mt-3">
          <h3 className="font-bold">{section.section}</h3>
          <ul className="mt-1 flex flex-wrap gap-2">
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
                  <mark className="rounded px-1" title="引用した出典に見つかりません">
                    {fact.fact}
                    <span className="sr-only">：出典に見つかりません</span>
                  </mark>
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
