import { routes } from '@/lib/routes/registry';
import { citingSections } from '@/lib/articles/citations';
import Link from 'next/link';
import { ArticleCard } from '@/components/site/ArticleCard';
import type { ArticleView } from '@/lib/articles/views';
import type { ReactNode } from 'react';

import { SHORT_DISCLAIMER } from '@/lib/articles/text/site-text';
import { AboutThisArticle } from './AboutThisArticle';
import { ArticleSection } from './ArticleSection';
import { CorrectionHistory, CorrectionNotice } from './Corrections';
import { Dateline } from './Dateline';
import { DisclosureBanner } from './DisclosureBanner';
import { SourceList } from './SourceList';
import { Headline } from './Headline';
import { ArticleFigure } from './ArticleFigure';
import { Byline } from './Byline';

/**
 * The whole article as readers see it; shared by the public page and the editors' preview. A live
 * page's coverage (`live`) follows its lead, which is the summary editors keep current; its
 * sections are the background.
 */
export function ArticleBody({ article, live }: { article: ArticleView; live?: ReactNode }) {
  const citedBy = citingSections(article.sections);
  return (
    <>
      <article className="measure mx-auto px-4 pt-2 text-[1.0625rem]">
        <p className="text-sm font-bold">
          <Link href={routes.category.href(article.category.slug)}>{article.category.name}</Link>
        </p>
        <Headline title={article.title} subtitle={article.subtitle} />
        <DisclosureBanner article={article} />
        <CorrectionNotice corrections={article.corrections} />
        <Dateline publishedAt={article.publishedAt} updatedAt={article.updatedAt} place={article.datelinePlace} />
        <Byline byline={article.byline} />
        {article.leadImage ? <ArticleFigure image={article.leadImage} priority /> : null}
        <div className="article-body mt-4">
          {article.lead.split(/\n{2,}/).map((paragraph, index) => (
            <p key={index} className="font-medium">
              {paragraph}
            </p>
          ))}
          {live}
          {live && article.sections.length > 0 ? <h2 className="mt-10 text-xl font-bold">背景</h2> : null}
          {article.sections.map((section, index) => (
            <ArticleSection
              key={index}
              index={index}
              heading={section.heading}
              paragraphs={section.paragraphs}
              cites={section.cites}
              image={section.image}
              sourceCount={article.sources.length}
            />
          ))}
        </div>
        <SourceList sources={article.sources} citedBy={citedBy} noSourcesReason={article.noSourcesReason} />
        <CorrectionHistory corrections={article.corrections} />
        <AboutThisArticle article={article} />
        <footer className="mt-8 space-y-3 border-t border-rule pt-4 text-sm">
          <p>
            <span className="text-muted">カテゴリ：</span>
            <Link href={routes.category.href(article.category.slug)}>{article.category.name}</Link>
          </p>
          {article.tags.length > 0 ? (
            <p>
              <span className="text-muted">タグ：</span>
              {article.tags.map((tag) => (
                <Link
                  key={tag.slug}
                  href={routes.tag.href(tag.slug)}
                  className="mr-2 inline-block rounded bg-note px-2 text-note-ink"
                >
                  #{tag.name}
                </Link>
              ))}
            </p>
          ) : null}
          <p data-nosnippet="" className="text-muted">
            {SHORT_DISCLAIMER}
          </p>
        </footer>
      </article>
      {article.related.length > 0 ? (
        <aside aria-labelledby="related-heading" className="measure no-print mx-auto mt-12 px-4 text-[1.0625rem]">
          <h2 id="related-heading" className="text-lg font-bold">
            関連記事
          </h2>
          {article.related.map((related) => (
            <ArticleCard key={related.slug} article={related} headingLevel="h3" />
          ))}
        </aside>
      ) : null}
    </>
  );
}
