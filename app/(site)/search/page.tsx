import { SitePage } from '@/components/site/SitePage';
import { routes } from '@/lib/routes/registry';
import { pageMetadata } from '@/lib/crawlers/seo';
import type { Metadata } from 'next';
import Link from 'next/link';
import { Breadcrumbs } from '@/components/site/Breadcrumbs';
import { Pagination } from '@/components/site/Pagination';
import { MarkedPhrases } from '@/components/site/Phrases';
import { searchArticles } from '@/lib/articles/search';
import { formatJapaneseDateTime, toTokyoIso } from '@/lib/format/dates';
import { DISCLOSURE_LABELS } from '@/lib/articles/disclosure';
import { highlight, MAX_QUERY_LENGTH, parseSearchQuery, type HighlightSegment } from '@/lib/articles/search-text';

export const metadata: Metadata = {
  ...pageMetadata({ title: '記事検索', description: 'Kiji の記事を言葉で探せます。', path: routes.search.href() }),
  robots: { index: false, follow: true },
};

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

function Highlighted({ segments }: { segments: HighlightSegment[] }) {
  return segments.map((segment, index) =>
    segment.match ? <mark key={index}>{segment.text}</mark> : <span key={index}>{segment.text}</span>,
  );
}

export default async function SearchPage({ searchParams }: Props) {
  const params = await searchParams;
  const raw = typeof params.q === 'string' ? params.q : '';
  const pageParam = typeof params.page === 'string' && /^[1-9]\d{0,4}$/.test(params.page) ? Number(params.page) : 1;
  const query = parseSearchQuery(raw);
  const results = query.ok ? await searchArticles(query.words, pageParam) : null;

  return (
    <SitePage>
      <div className="mx-auto max-w-3xl px-4 pt-4">
        <Breadcrumbs items={[{ name: 'ホーム', href: '/' }, { name: '記事検索' }]} />
        <h1 className="mt-3 text-2xl font-bold">記事検索</h1>
        <form
          action={routes.search.href()}
          method="get"
          role="search"
          aria-label="検索条件"
          className="mt-4 flex gap-2"
        >
          <label htmlFor="search-page-q" className="sr-only">
            検索語
          </label>
          <input
            id="search-page-q"
            name="q"
            type="search"
            defaultValue={raw.slice(0, MAX_QUERY_LENGTH)}
            maxLength={MAX_QUERY_LENGTH}
            className="flex-1 rounded border border-rule bg-paper px-3 py-2 text-ink"
          />
          <button type="submit" className="rounded bg-accent px-4 py-2 text-paper">
            検索
          </button>
        </form>
        {!query.ok && query.reason === 'empty' ? (
          <p className="mt-6">検索語を入力してください。複数の語をスペースで区切ると、すべてを含む記事を探します。</p>
        ) : null}
        {!query.ok && query.reason === 'too-long' ? (
          <p className="mt-6" role="alert">
            検索語が長すぎます。{MAX_QUERY_LENGTH}文字以内、8語以内で入力してください。
          </p>
        ) : null}
        {query.ok && results ? (
          <>
            <p className="mt-6 text-sm text-muted" role="status">
              「{query.words.join(' ')}」を含む記事：{results.total.toLocaleString('ja-JP')}件
              {results.capped ? '以上' : ''}
            </p>
            {results.total === 0 ? (
              <p className="mt-4">該当する記事は見つかりませんでした。別の語でお試しください。</p>
            ) : null}
            {pageParam > results.pageCount && results.total > 0 ? (
              <p className="mt-4">このページに結果はありません。</p>
            ) : null}
            <ol className="mt-2" aria-label="検索結果">
              {results.hits.map((hit) => (
                <li key={hit.slug} className="border-b border-rule py-4">
                  <p className="text-sm text-muted">
                    <span className="mr-2 rounded border border-rule px-1 text-xs">
                      {DISCLOSURE_LABELS[hit.disclosure]}
                    </span>
                    {hit.category.name}・
                    <time dateTime={toTokyoIso(new Date(hit.publishedAt))}>
                      {formatJapaneseDateTime(new Date(hit.publishedAt))}
                    </time>
                  </p>
                  <h2 className="phrase-wrap mt-1 text-lg font-bold">
                    <Link href={routes.article.href(hit.slug)}>
                      <MarkedPhrases segments={highlight(hit.title, query.words)} />
                    </Link>
                  </h2>
                  <p className="mt-1 text-[0.95rem] leading-relaxed text-muted">
                    <Highlighted segments={highlight(hit.snippet, query.words)} />
                  </p>
                </li>
              ))}
            </ol>
            <Pagination base={routes.search.href()} page={pageParam} pageCount={results.pageCount} query={raw} />
          </>
        ) : null}
      </div>
    </SitePage>
  );
}
