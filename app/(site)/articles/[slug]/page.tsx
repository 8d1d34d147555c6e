import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { ArticleBody } from '@/components/article/ArticleBody';
import { getPublishedArticle } from '@/lib/articles';
import { articleSlugParam } from '@/lib/route-params';

// Rendered on first request, then served from the cache until a write invalidates its tags.
// No slugs are prerendered at build time, so the build needs no article data.
export const revalidate = 3600;
export const dynamicParams = true;
export function generateStaticParams(): { slug: string }[] {
  return [];
}

type Props = { params: Promise<{ slug: string }> };

async function articleFor(params: Props['params']) {
  const slug = articleSlugParam((await params).slug);
  return slug ? getPublishedArticle(slug) : null;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const article = await articleFor(params);
  if (!article) return { title: '記事が見つかりません' };
  return {
    title: article.title,
    description: article.lead.slice(0, 120),
    alternates: { canonical: `/articles/${article.slug}` },
  };
}

export default async function ArticlePage({ params }: Props) {
  const article = await articleFor(params);
  if (!article) notFound();
  return <ArticleBody article={article} />;
}
