import { SitePage } from '@/components/site/SitePage';
import { pageAlternates } from '@/lib/crawlers/seo';
import type { Metadata } from 'next';
import { Breadcrumbs } from '@/components/site/Breadcrumbs';
import { TextBlocks } from '@/components/site/TextBlocks';
import { DEFAULT_AI_POLICY } from '@/lib/editorial/ai-policy';
import { getSetting } from '@/lib/editorial/site-settings';

export const revalidate = 3600;

export const metadata: Metadata = {
  title: 'AI利用方針',
  description: 'Kiji が記事づくりにAIをどう使い、どう確かめ、どう開示しているか。',
  alternates: pageAlternates('/about/ai'),
};

export default async function AiPolicyPage() {
  const policy = (await getSetting('ai-policy')) ?? DEFAULT_AI_POLICY;
  return (
    <SitePage>
      <div className="measure mx-auto px-4 pt-4 text-[1.0625rem]">
        <Breadcrumbs items={[{ name: 'ホーム', href: '/' }, { name: 'AI利用方針' }]} />
        <h1 className="mt-3 text-2xl font-bold">AI利用方針</h1>
        <div className="article-body mt-6">
          <TextBlocks value={policy} />
        </div>
      </div>
    </SitePage>
  );
}
