import { SitePage } from '@/components/site/SitePage';
import { pageMetadata } from '@/lib/crawlers/seo';
import type { Metadata } from 'next';
import Link from 'next/link';
import { Breadcrumbs } from '@/components/site/Breadcrumbs';
import { listArchiveMonths } from '@/lib/articles/public-reads';
import { routes } from '@/lib/routes/registry';

export const revalidate = 3600;

export const metadata: Metadata = pageMetadata({
  title: '記事アーカイブ',
  description: 'Kiji が公開した記事を月ごとにたどれます。',
  path: '/archive',
});

export default async function ArchiveIndexPage() {
  const months = await listArchiveMonths();
  return (
    <SitePage>
      <div className="mx-auto max-w-3xl px-4 pt-4">
        <Breadcrumbs items={[{ name: 'ホーム', href: '/' }, { name: '記事アーカイブ' }]} />
        <h1 className="mt-3 text-2xl font-bold">記事アーカイブ</h1>
        {months.length === 0 ? <p className="mt-6">公開中の記事はまだありません。</p> : null}
        <ul className="mt-6 grid grid-cols-2 gap-2 sm:grid-cols-4">
          {months.map(({ year, month, count }) => (
            <li key={`${year}-${month}`}>
              <Link href={routes.archive.href(year, month)}>
                {year}年{month}月
              </Link>
              <span className="text-sm text-muted">（{count}）</span>
            </li>
          ))}
        </ul>
      </div>
    </SitePage>
  );
}
