import { Breadcrumbs } from './Breadcrumbs';
import { SitePage } from './SitePage';
import { TextBlocks } from './TextBlocks';
import { PUBLISHER_TEXTS, type PublisherTextKey } from '@/lib/articles/publisher-texts';
import { publisherText } from '@/lib/articles/site-settings';

/** A publisher page (about, AI policy, privacy): its title and the text an admin wrote for it. */
export async function PublisherTextPage({ textKey }: { textKey: PublisherTextKey }) {
  const { title } = PUBLISHER_TEXTS[textKey];
  const text = await publisherText(textKey);
  return (
    <SitePage>
      <div className="measure mx-auto px-4 pt-4 text-[1.0625rem]">
        <Breadcrumbs items={[{ name: 'ホーム', href: '/' }, { name: title }]} />
        <h1 className="mt-3 text-2xl font-bold">{title}</h1>
        <div className="article-body mt-6">
          <TextBlocks value={text} />
        </div>
      </div>
    </SitePage>
  );
}
