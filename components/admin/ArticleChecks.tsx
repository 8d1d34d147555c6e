import type { SourceHealth } from '@/lib/articles/source-health';

const PROBLEMS = { broken: 'リンク切れ', moved: '転送', changed: '内容の変化' } as const;

/** What an editor should look at before publishing: sections without a source, and sources that broke. */
export function ArticleChecks({ uncited, flagged }: { uncited: string[]; flagged: SourceHealth[] }) {
  if (uncited.length === 0 && flagged.length === 0) return null;
  return (
    <section
      aria-labelledby="checks-heading"
      className="mt-4 rounded border border-[#a08a4a] bg-note p-3 text-sm text-note-ink"
    >
      <h2 id="checks-heading" className="font-bold">
        確認が必要な点
      </h2>
      <ul className="mt-1 list-disc pl-5">
        {uncited.map((heading) => (
          <li key={heading}>節「{heading}」は出典を示していません</li>
        ))}
        {flagged.map((source) => (
          <li key={source.position} data-testid="source-problem">
            出典{source.position}「{source.title}」：{PROBLEMS[source.problem!]}（{source.detail}）
          </li>
        ))}
      </ul>
    </section>
  );
}
