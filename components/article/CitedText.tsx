import { splitCitations } from '@/lib/citations';

/** Paragraph text with its [n] markers as links to the source list; the first per section is an anchor to come back to. */
export function CitedText({ text, sourceCount, sectionIndex, anchored }: { text: string; sourceCount: number; sectionIndex: number; anchored: Set<number> }) {
  return splitCitations(text, sourceCount).map((run, index) => {
    if ('text' in run) return <span key={index}>{run.text}</span>;
    const first = !anchored.has(run.cite);
    anchored.add(run.cite);
    return (
      <sup key={index}>
        <a href={`#source-${run.cite}`} id={first ? `cite-${sectionIndex}-${run.cite}` : undefined} aria-label={`出典${run.cite}`} className="no-underline">
          [{run.cite}]
        </a>
      </sup>
    );
  });
}
