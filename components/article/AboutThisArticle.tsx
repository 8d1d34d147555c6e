import Link from 'next/link';
import type { ArticleView } from '@/lib/articles/views';
import { formatJapaneseDateTime } from '@/lib/format/dates';
import { DISCLOSURE_LABELS } from '@/lib/articles/disclosure';
import { routes } from '@/lib/routes/registry';
import { claimsStatement } from '@/lib/articles/public';
import { getArticleTexts } from '@/lib/articles/site-settings';
import { ABOUT_ARTICLE_ID } from './DisclosureBanner';
import type { ReactNode } from 'react';
import { CHECKED_FACTS_ID, CheckedFacts } from './CheckedFacts';

/** この記事について: how the article was made, from the same record that drives every label. */
export async function AboutThisArticle({ article }: { article: ArticleView }) {
  // The editors' wording (サイト設定), read once at start and kept under its settings' tags.
  const texts = await getArticleTexts();
  const { generation } = article;
  const rows: [string, ReactNode][] = [
    ['制作方法', DISCLOSURE_LABELS[article.disclosure]],
    [
      '人による確認',
      article.reviewedBy
        ? `${article.reviewedBy}${article.reviewedAt ? `（${formatJapaneseDateTime(new Date(article.reviewedAt))}）` : ''}`
        : '記録されていません',
    ],
  ];
  if (article.noSourcesReason) rows.push(['出典がない理由', article.noSourcesReason]);
  // How many figures were found in the sources, or that none were checked (docs/decisions/0028).
  const checkedFacts = article.claims.checked ? (article.claims.facts ?? []) : [];
  const statement = claimsStatement(article.claims, {
    checked: texts['claims-checked'],
    unchecked: texts['claims-unchecked'],
  });
  rows.push([
    '出典との照合',
    checkedFacts.length > 0 ? (
      <>
        {statement} <a href={`#${CHECKED_FACTS_ID}`}>一覧</a>
      </>
    ) : (
      statement
    ),
  ]);
  if (generation.modelName)
    rows.push(['生成モデル', [generation.modelName, generation.modelVersion].filter(Boolean).join(' ')]);
  if (generation.promptTemplateVersion) rows.push(['指示テンプレートの版', generation.promptTemplateVersion]);
  if (generation.sourcesRetrievedAt)
    rows.push(['資料の取得日時', formatJapaneseDateTime(new Date(generation.sourcesRetrievedAt))]);
  return (
    <section aria-labelledby={ABOUT_ARTICLE_ID} className="mt-10 rounded border border-rule p-4 text-sm">
      <h2 id={ABOUT_ARTICLE_ID} className="mb-2 text-base font-bold">
        この記事について
      </h2>
      {/* The full statement the banner at the top opens to, in view here without a click. */}
      {article.disclaimer ? (
        <p className="mb-3" data-nosnippet="" data-testid="full-disclaimer">
          {article.disclaimer}
        </p>
      ) : null}
      <dl className="grid grid-cols-[9em_1fr] gap-y-1">
        {rows.map(([term, value]) => (
          <div key={term} className="contents">
            <dt className="text-muted">{term}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      <CheckedFacts facts={checkedFacts} />
      <p className="mt-2">
        <Link href={routes.aboutAi.href()}>Kiji のAI利用方針</Link>
      </p>
    </section>
  );
}
