import type { ArticleView } from '@/lib/articles/views';
import { formatJapaneseDate } from '@/lib/format/dates';
import { DISCLOSURE_LABELS } from '@/lib/articles/disclosure';

/**
 * The article's disclosure near the top, driven by its record: the disclaimer text, how it was made
 * and who reviewed it. data-nosnippet keeps the boilerplate out of search snippets.
 */
export function DisclosureBanner({
  article,
}: {
  article: Pick<ArticleView, 'disclaimer' | 'disclosure' | 'reviewedBy' | 'reviewedAt'>;
}) {
  return (
    <div
      role="note"
      aria-label="この記事の制作について"
      data-nosnippet=""
      className="my-5 rounded border-l-4 border-[#a08a4a] bg-note px-4 py-3 text-sm leading-relaxed text-note-ink"
    >
      <p>{article.disclaimer}</p>
      <p className="mt-1 font-bold" data-testid="disclosure-label">
        制作方法：{DISCLOSURE_LABELS[article.disclosure]}
        {article.reviewedBy
          ? `・${article.reviewedBy}が確認${article.reviewedAt ? `（${formatJapaneseDate(new Date(article.reviewedAt))}）` : ''}`
          : '・人による確認の記録なし'}
      </p>
    </div>
  );
}
