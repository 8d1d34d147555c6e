import { SitePage } from '@/components/site/SitePage';
import { Phrases } from '@/components/site/Phrases';
import { pageMetadata } from '@/lib/crawlers/seo';
import { routes } from '@/lib/routes/registry';
import type { Metadata } from 'next';
import Link from 'next/link';
import { Breadcrumbs } from '@/components/site/Breadcrumbs';
import { listSiteCorrections } from '@/lib/articles/corrections';
import { formatJapaneseDateTime, toTokyoIso } from '@/lib/format/dates';

export const revalidate = 3600;

export const metadata: Metadata = pageMetadata({
  title: '訂正一覧',
  description: 'Kiji が公開後に訂正した記事と、その内容の一覧です。',
  path: '/corrections',
  feeds: [{ url: routes.correctionsFeed.href(), title: 'Kiji 訂正一覧' }],
});

export default async function CorrectionsPage() {
  const corrections = await listSiteCorrections();
  return (
    <SitePage>
      <div className="mx-auto max-w-3xl px-4 pt-4">
        <Breadcrumbs items={[{ name: 'ホーム', href: '/' }, { name: '訂正一覧' }]} />
        <h1 className="mt-3 text-2xl font-bold">訂正一覧</h1>
        <p className="mt-2 text-sm">
          <Link href={routes.aboutCorrections.href()}>訂正方針</Link>・
          <a href={routes.correctionsFeed.href()}>訂正の RSS</a>
        </p>
        {corrections.length === 0 ? <p className="mt-6">これまでに訂正した記事はありません。</p> : null}
        <ol className="mt-4">
          {corrections.map((correction, index) => (
            <li key={index} className="border-b border-rule py-4">
              <p className="text-sm text-muted">
                <time dateTime={toTokyoIso(new Date(correction.correctedAt))}>
                  {formatJapaneseDateTime(new Date(correction.correctedAt))}
                </time>
              </p>
              <h2 className="phrase-wrap mt-1 font-bold">
                <Link href={routes.article.href(correction.slug)}>
                  <Phrases text={correction.title} />
                </Link>
              </h2>
              <p className="mt-1 text-[0.95rem]">
                誤り：{correction.whatWasWrong}／訂正：{correction.whatChanged}
              </p>
            </li>
          ))}
        </ol>
      </div>
    </SitePage>
  );
}
