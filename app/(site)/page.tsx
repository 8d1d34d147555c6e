import { ArticleCard } from '@/components/site/ArticleCard';
import { listLatestArticles } from '@/lib/articles';

// Incremental static regeneration: a backstop; writes invalidate by tag at once (docs/decisions/0004-caching.md).
export const revalidate = 300;

export default async function HomePage() {
  const articles = await listLatestArticles(30);
  return (
    <div className="mx-auto max-w-3xl px-4 pt-6">
      <h1 className="text-xl font-bold">最新の記事</h1>
      {articles.length === 0 ? (
        <p className="mt-6 text-muted">公開中の記事はまだありません。</p>
      ) : (
        articles.map((article) => <ArticleCard key={article.slug} article={article} />)
      )}
    </div>
  );
}
