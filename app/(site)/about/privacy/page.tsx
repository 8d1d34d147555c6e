import type { Metadata } from 'next';
import { PublisherTextPage } from '@/components/site/PublisherTextPage';
import { pageMetadata } from '@/lib/crawlers/seo';
import { routes } from '@/lib/routes/registry';

export const revalidate = 3600;

export const metadata: Metadata = pageMetadata({
  title: 'プライバシーポリシー',
  description: 'Kiji が受け取る情報と、その使い方。',
  path: routes.privacy.href(),
});

export default function PrivacyPage() {
  return <PublisherTextPage textKey="privacy" />;
}
