import type { ReactNode } from 'react';
import type { ArticleSummary } from '@/lib/articles/views';
import { ArticleCard } from './ArticleCard';
import { Breadcrumbs } from './Breadcrumbs';
import { Pagination } from './Pagination';

/** A paginated list of articles under a heading: categories, tags and the archive. */
export function ArticleListing({
  heading,
  intro,
  base,
  articles,
  page,
  pageCount,
  total,
}: {
  heading: string;
  intro?: ReactNode;
  base: string;
  articles: ArticleSummary[];
  page: number;
  pageCount: number;
  total: number;
}) {
  return (
    <div className="mx-auto max-w-3xl px-4 pt-4">
      <Breadcrumbs items={[{ name: 'ホーム', href: '/' }, { name: heading }]} />
      <h1 className="mt-3 text-2xl font-bold">{heading}</h1>
      <p className="mt-1 text-sm text-muted">
        {total}件{pageCount > 1 ? `・${page}／${pageCount}ページ` : ''}
      </p>
      {intro}
      {articles.length === 0 ? <p className="mt-6">このページにはまだ記事がありません。</p> : null}
      {articles.map((article) => (
        <ArticleCard key={article.slug} article={article} />
      ))}
      <Pagination base={base} page={page} pageCount={pageCount} />
    </div>
  );
}
