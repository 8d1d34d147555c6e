import { citeAnchorId, sourceAnchorId } from '@/lib/articles/citations';
import type { ArticleView } from '@/lib/articles/views';
import { formatJapaneseDate } from '@/lib/format/dates';
import { isHttpUrl } from '@/lib/format/safe-url';

/** 参考・出典, numbered; each entry links back to the sections that cite it. */
export function SourceList({
  sources,
  citedBy,
  noSourcesReason,
}: {
  sources: ArticleView['sources'];
  citedBy: Map<number, number[]>;
  noSourcesReason: string | null;
}) {
  return (
    <section aria-labelledby="sources-heading" className="mt-12 border-t border-rule pt-6">
      <h2 id="sources-heading" className="mb-3 text-lg font-bold">
        参考・出典
      </h2>
      {sources.length === 0 ? (
        <p className="text-muted">出典の記載はありません。{noSourcesReason ? <>理由：{noSourcesReason}</> : null}</p>
      ) : (
        <ol className="list-decimal space-y-2 pl-6 text-[0.95rem]">
          {sources.map((source, index) => (
            <li key={index} id={sourceAnchorId(index + 1)}>
              {/* Stored URLs were validated on the way in; checking again keeps a bad row inert. */}
              {isHttpUrl(source.url) ? (
                <a href={source.url} rel="noopener noreferrer" className="print-url">
                  {source.title}
                </a>
              ) : (
                <span>{source.title}</span>
              )}
              {source.publisher ? <span className="text-muted">（{source.publisher}）</span> : null}
              {/* The day the editor gave, else the day Kiji first read the text the figures were checked against. */}
              {(source.accessedAt ?? source.readAt) ? (
                <span className="text-sm text-muted">
                  {' '}
                  {formatJapaneseDate(new Date(`${source.accessedAt ?? source.readAt}T00:00:00+09:00`))}閲覧
                </span>
              ) : null}
              {(citedBy.get(index + 1) ?? []).map((sectionIndex) => (
                <a
                  key={sectionIndex}
                  href={`#${citeAnchorId(sectionIndex, index + 1)}`}
                  className="no-print ml-2 text-sm"
                  aria-label={`第${sectionIndex + 1}節の引用箇所へ戻る`}
                >
                  ↩{sectionIndex + 1}
                </a>
              ))}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
