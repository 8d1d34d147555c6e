import type { Metadata } from 'next';
import { PublisherTextPage } from '@/components/site/PublisherTextPage';
import { pageAlternates } from '@/lib/crawlers/seo';
import { routes } from '@/lib/routes/registry';

export const revalidate = 3600;

export const metadata: Metadata = {
  title: 'プライバシーポリシー',
  description: 'Kiji が受け取る情報と、その使い方。',
  alternates: pageAlternates(routes.privacy.href()),
};

export default function PrivacyPage() {
  return <PublisherTextPage textKey="privacy" />;
}
