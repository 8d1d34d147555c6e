import { SitePage } from '@/components/site/SitePage';
// Readers never see this folder's path: they ask for /tag/<name>?page=<n>, and proxy.ts rewrites it here, so
// each page of a listing is cached on its own. Both paths come from lib/routes/registry.ts.
import { routes } from '@/lib/routes/registry';
import type { Metadata } from 'next';
import { notFound, permanentRedirect } from 'next/navigation';
import { tagRedirectPath } from '@/lib/articles/tag-slug';
import { ArticleListing } from '@/components/site/ArticleListing';
import { getTagPage } from '@/lib/articles/public-reads';
import { listingMetadata } from '@/lib/crawlers/seo';

// Readers reach this as /tag/<slug>?page=<n>; proxy.ts rewrites it here and 404s the rest.
export const revalidate = 3600;
export const dynamicParams = true;
export function generateStaticParams(): { slug: string; page: string }[] {
  return [];
}

type Props = { params: Promise<{ slug: string; page: string }> };

/** The tag's page, after sending any other way of writing its name to its one URL (308). */
async function load(params: Props['params']) {
  const { slug, page } = await params;
  const requested = decodeURIComponent(slug);
  const canonical = tagRedirectPath(requested, Number(page));
  if (canonical) permanentRedirect(canonical);
  return getTagPage(requested, Number(page));
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const data = await load(params);
  if (!data) return { title: 'ページが見つかりません' };
  return listingMetadata({
    title: `「${data.tag.name}」の記事`,
    path: routes.tag.href(data.tag.slug),
    page: data.page,
    summary: `Kiji のタグ「${data.tag.name}」が付いた記事の一覧です。`,
  });
}

export default async function TagPage({ params }: Props) {
  const data = await load(params);
  if (!data) notFound();
  return (
    <SitePage>
      <ArticleListing heading={`#${data.tag.name}`} base={routes.tag.href(data.tag.slug)} {...data} />
    </SitePage>
  );
}
