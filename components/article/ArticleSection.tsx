import { CitedText } from './CitedText';

export function ArticleSection({
  index,
  heading,
  paragraphs,
  cites,
  sourceCount,
}: {
  index: number;
  heading: string;
  paragraphs: string[];
  cites: number[];
  sourceCount: number;
}) {
  const id = `section-${index + 1}`;
  // Rendering marks each source anchored once per section; explicit citations without a marker follow the text.
  const anchored = new Set<number>();
  const body = paragraphs.map((paragraph, i) => (
    <p key={i}>
      <CitedText text={paragraph} sourceCount={sourceCount} sectionIndex={index} anchored={anchored} />
    </p>
  ));
  const trailing = cites.filter((n) => n <= sourceCount && !anchored.has(n));
  return (
    <section aria-labelledby={id} className="mt-10">
      <h2 id={id} className="mb-4 border-l-4 border-accent pl-3 text-xl leading-snug font-bold">
        {heading}
      </h2>
      {body}
      {trailing.length > 0 ? (
        <p className="text-sm text-muted">
          この節の出典：
          {trailing.map((n) => (
            <sup key={n}>
              <a href={`#source-${n}`} id={`cite-${index}-${n}`} aria-label={`出典${n}`} className="no-underline">
                [{n}]
              </a>
            </sup>
          ))}
        </p>
      ) : null}
    </section>
  );
}
