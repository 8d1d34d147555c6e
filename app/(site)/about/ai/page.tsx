import type { Metadata } from 'next';
import { PublisherTextPage } from '@/components/site/PublisherTextPage';
import { pageMetadata } from '@/lib/crawlers/seo';
import { routes } from '@/lib/routes/registry';

export const revalidate = 3600;

export const metadata: Metadata = pageMetadata({
  title: 'AI利用方針',
  description: 'Kiji が記事づくりにAIをどう使い、どう確かめ、どう開示しているか。',
  path: routes.aboutAi.href(),
});

export default function AiPolicyPage() {
  return <PublisherTextPage textKey="ai-policy" />;
}
