import type { ImageView } from '@/lib/media/renditions';
import { ArticleFigure } from './ArticleFigure';
import { anchorSection, citeAnchorId, sourceAnchorId } from '@/lib/articles/citations';

function CiteLink({ n, anchorId }: { n: number; anchorId?: string }) {
  return (
    <sup>
      <a href={`#${sourceAnchorId(n)}`} id={anchorId} aria-label={`出典${n}`} className="no-underline">
        [{n}]
      </a>
    </sup>
  );
}

/** A titled section. Its [n] markers link to the source list, and back (lib/articles/citations.ts anchorSection). */
export function ArticleSection({
  index,
  heading,
  paragraphs,
  cites,
  image,
  sourceCount,
}: {
  index: number;
  heading: string;
  paragraphs: string[];
  cites: number[];
  image: ImageView | null;
  sourceCount: number;
}) {
  const id = `section-${index + 1}`;
  const { paragraphs: runs, trailing } = anchorSection(index, paragraphs, cites, sourceCount);
  return (
    <section aria-labelledby={id} className="mt-10">
      <h2 id={id} className="mb-4 border-l-4 border-accent pl-3 text-xl leading-snug font-bold">
        {heading}
      </h2>
      {image ? <ArticleFigure image={image} /> : null}
      {runs.map((paragraph, i) => (
        <p key={i}>
          {paragraph.map((run, j) =>
            'text' in run ? <span key={j}>{run.text}</span> : <CiteLink key={j} n={run.cite} anchorId={run.anchorId} />,
          )}
        </p>
      ))}
      {trailing.length > 0 ? (
        <p className="text-sm text-muted">
          この節の出典：
          {trailing.map((n) => (
            <CiteLink key={n} n={n} anchorId={citeAnchorId(index, n)} />
          ))}
        </p>
      ) : null}
    </section>
  );
}
