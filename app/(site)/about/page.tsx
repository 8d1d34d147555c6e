import type { Metadata } from 'next';
import { PublisherTextPage } from '@/components/site/PublisherTextPage';
import { JsonLd } from '@/components/site/JsonLd';
import { pageMetadata, publisherJsonLd } from '@/lib/crawlers/seo';
import { routes } from '@/lib/routes/registry';

export const revalidate = 3600;

export const metadata: Metadata = pageMetadata({
  title: '発行者について',
  description: 'Kiji を発行・運営する編集部と、その編集方針、連絡先。',
  path: routes.about.href(),
});

/** Who publishes Kiji, for readers and, as a NewsMediaOrganization with its policies, for machines. */
export default function AboutPage() {
  return (
    <>
      <PublisherTextPage textKey="about" />
      <JsonLd data={publisherJsonLd()} />
    </>
  );
}
