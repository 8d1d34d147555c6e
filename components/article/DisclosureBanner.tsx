import type { ArticleView } from '@/lib/articles/views';
import { formatJapaneseDate } from '@/lib/format/dates';
import { DISCLOSURE_LABELS } from '@/lib/articles/disclosure';

/** Where the full statement is: この記事について, at the foot of the article (AboutThisArticle). */
export const ABOUT_ARTICLE_ID = 'about-article-heading';

/**
 * The article's disclosure near the top, driven by its record: how it was made and who reviewed
 * it, always in view, in one or two lines on a phone; the disclaimer opens under it (a <details>,
 * so no script), and stays in full at the foot of the article, where the link leads.
 * data-nosnippet keeps the boilerplate out of search snippets.
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
      className="my-4 rounded border-l-4 border-[#a08a4a] bg-note px-3 py-2 text-sm leading-relaxed text-note-ink"
    >
      <details>
        <summary className="cursor-pointer">
          <span className="font-bold" data-testid="disclosure-label">
            制作方法：{DISCLOSURE_LABELS[article.disclosure]}
            {article.reviewedBy
              ? `・${article.reviewedBy}が確認${article.reviewedAt ? `（${formatJapaneseDate(new Date(article.reviewedAt))}）` : ''}`
              : '・人による確認の記録なし'}
          </span>
          {article.disclosure === 'human' ? null : <span className="ml-1">誤りを含むことがあります</span>}
        </summary>
        {article.disclaimer ? <p className="mt-1">{article.disclaimer}</p> : null}
        <p className="mt-1">
          <a href={`#${ABOUT_ARTICLE_ID}`}>この記事について（記事の末尾）</a>
        </p>
      </details>
    </div>
  );
}
