import { SitePage } from '@/components/site/SitePage';
import { routes } from '@/lib/routes/registry';
import Link from 'next/link';
import { ArticleCard, excerpt } from '@/components/site/ArticleCard';
import { JsonLd } from '@/components/site/JsonLd';
import { getHomePage } from '@/lib/articles/public-reads';
import { formatJapaneseDateTime, toTokyoIso } from '@/lib/format/dates';
import { DISCLOSURE_LABELS } from '@/lib/articles/disclosure';
import { pageAlternates, websiteJsonLd } from '@/lib/crawlers/seo';
import type { Metadata } from 'next';
import { Phrases } from '@/components/site/Phrases';
import { Picture } from '@/components/site/Picture';

// A backstop; writes expire the home page's tags at once (docs/decisions/0004).
export const revalidate = 3600;

/** `/?page=2` and `/?utm_source=x` are this same page: their canonical says so. */
export const metadata: Metadata = {
  alternates: pageAlternates(routes.home.href()),
  openGraph: {
    url: routes.home.href(),
    images: [{ url: routes.shareImage.href(), width: 1200, height: 630, alt: 'Kiji（記事）' }],
  },
  twitter: { card: 'summary_large_image', images: [routes.shareImage.href()] },
};

export default async function HomePage() {
  const { top, latest, categories, more } = await getHomePage();
  return (
    <SitePage current={{ section: 'home', exact: true }}>
      <div className="mx-auto max-w-5xl px-4 pt-6">
        <JsonLd data={websiteJsonLd()} />
        <h1 className="sr-only">Kiji — AIが公的資料と報道から組み立てるニュース</h1>
        {top === null ? (
          <p className="mt-6 text-muted">公開中の記事はまだありません。</p>
        ) : (
          <section
            aria-labelledby="top-story"
            className="grid gap-x-8 border-b-2 border-ink pb-6 md:grid-cols-[3fr_2fr] md:items-start"
          >
            {top.thumbnail ? (
              // Decorative: the headline beside it names the story, and links to it.
              <Link
                href={routes.article.href(top.slug)}
                tabIndex={-1}
                aria-hidden="true"
                className="mb-3 block md:order-2 md:mb-0"
              >
                <Picture
                  image={top.thumbnail}
                  alt=""
                  sizes="(min-width: 64rem) 24rem, (min-width: 48rem) 40vw, calc(100vw - 2rem)"
                  priority
                  className="aspect-[16/9] h-auto w-full rounded object-cover"
                />
              </Link>
            ) : null}
            <div className={top.thumbnail ? 'md:order-1' : 'md:col-span-2'}>
              <p className="flex flex-wrap gap-x-3 text-sm text-muted">
                <span>トップニュース</span>
                <Link href={routes.category.href(top.category.slug)}>{top.category.name}</Link>
                <time dateTime={toTokyoIso(new Date(top.publishedAt))}>
                  {formatJapaneseDateTime(new Date(top.publishedAt))}
                </time>
                <span className="rounded border border-rule px-1.5 text-xs">{DISCLOSURE_LABELS[top.disclosure]}</span>
              </p>
              <h2 id="top-story" className="phrase-wrap mt-2 text-2xl leading-snug font-bold sm:text-3xl">
                <Link href={routes.article.href(top.slug)} className="text-ink">
                  <Phrases text={top.title} />
                </Link>
              </h2>
              <p className="mt-3 leading-relaxed">{excerpt(top.lead, 160)}</p>
            </div>
          </section>
        )}
        <div className="grid gap-x-10 lg:grid-cols-[2fr_1fr]">
          <section aria-labelledby="latest-heading">
            <h2 id="latest-heading" className="mt-6 text-lg font-bold">
              最新の記事
            </h2>
            {latest.map((article) => (
              <ArticleCard key={article.slug} article={article} headingLevel="h3" />
            ))}
            {more && (
              <p className="mt-4 flex flex-wrap justify-end gap-x-4 text-sm">
                <Link href={routes.archive.href(more.year, more.month)}>これより前の記事を見る</Link>
                <Link href={routes.archiveIndex.href()}>月別の記事一覧</Link>
              </p>
            )}
          </section>
          <div>
            {categories.map(({ category, articles }) => (
              <section key={category.slug} aria-labelledby={`category-${category.slug}`} className="mt-6">
                <h2 id={`category-${category.slug}`} className="border-b border-ink pb-1 text-lg font-bold">
                  <Link href={routes.category.href(category.slug)} className="text-ink">
                    {category.name}
                  </Link>
                </h2>
                <ul className="mt-2 space-y-2">
                  {articles.map((article) => (
                    <li key={article.slug} className="phrase-wrap text-[0.95rem] leading-snug">
                      <Link href={routes.article.href(article.slug)}>
                        <Phrases text={article.title} />
                      </Link>
                      <span className="ml-1 rounded border border-rule px-1 text-xs text-muted">
                        {DISCLOSURE_LABELS[article.disclosure]}
                      </span>
                    </li>
                  ))}
                </ul>
                <p className="mt-2 text-right text-sm">
                  <Link href={routes.category.href(category.slug)}>{category.name}の記事をもっと見る</Link>
                </p>
              </section>
            ))}
          </div>
        </div>
      </div>
    </SitePage>
  );
}
