import Link from 'next/link';
import { SitePage } from '@/components/site/SitePage';
import { DisclosureBanner } from '@/components/article/DisclosureBanner';
import { Headline } from '@/components/article/Headline';
import type { ArticleView } from '@/lib/articles/views';
import { routes } from '@/lib/routes/registry';
import type { ReactNode } from 'react';

/**
 * The frame of a live page's other pages (older updates, key events, one update): the live
 * article's headline and disclosure, a way back to the live page, and what the page shows.
 */
export function LiveSubpage({
  article,
  heading,
  children,
}: {
  article: ArticleView;
  heading: string;
  children: ReactNode;
}) {
  return (
    <SitePage current={{ section: article.category.slug, exact: false }}>
      <article className="measure mx-auto px-4 pt-4 text-[1.0625rem]">
        <p className="text-sm">
          <Link href={routes.article.href(article.slug)}>← ライブのページへ戻る</Link>
        </p>
        <Headline title={article.title} subtitle={article.subtitle} />
        <DisclosureBanner article={article} />
        <h2 className="mt-6 text-xl font-bold">{heading}</h2>
        {children}
      </article>
    </SitePage>
  );
}
