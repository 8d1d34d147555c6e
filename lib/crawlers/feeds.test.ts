import { XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import type { FeedItem } from '../articles/views';
import { articleHtml, atomFeed, rssFeed } from './feeds';

/** Two items shaped like the seed article: the older one corrected after the newer was published. */
function item(overrides: Partial<FeedItem>): FeedItem {
  return {
    slug: 'trump-urges-ceasefire-without-tomahawks',
    title: 'トランプ大統領、即時停戦求めるも軍事支援見送り',
    lead: 'ワシントンで会談した[1]。',
    publishedAt: '2025-10-17T15:00:00.000Z',
    updatedAt: '2025-10-18T01:30:00.000Z',
    category: { slug: 'world', name: '国際' },
    disclosure: 'ai-generated',
    kind: 'news',
    sections: [{ heading: 'ホワイトハウスの握手', paragraphs: ['停戦を求めた[1][2]。'] }],
    sources: [
      { title: '米大統領の発言記録', url: 'https://example.org/1?a=1&b=2', publisher: 'ホワイトハウス' },
      { title: '会談の報道', url: 'https://example.org/2', publisher: null },
    ],
    noSourcesReason: null,
    tags: ['停戦'],
    thumbnail: null,
    version: 2,
    leadImageAlt: null,
    ...overrides,
  };
}

const channel = {
  title: 'Kiji',
  description: 'ニュース',
  siteUrl: 'https://kiji.example.jp',
  selfUrl: 'https://kiji.example.jp/feed.xml',
  alternatePath: '/',
};

describe('feeds', () => {
  it('carry each item’s sources after its text, as the page does, with its markers’ numbers in order', () => {
    const html = articleHtml(item({}));
    expect(html).toContain(
      '<h2>参考・出典</h2><ol><li><a href="https://example.org/1?a=1&amp;b=2">米大統領の発言記録</a>（ホワイトハウス）</li><li><a href="https://example.org/2">会談の報道</a></li></ol>',
    );
    expect(articleHtml(item({ sources: [], noSourcesReason: '発表そのものを報じる記事のため' }))).toContain(
      '出典なし：発表そのものを報じる記事のため',
    );
  });

  it('date the channel by its newest change, not by its newest item', () => {
    const items = [
      item({ slug: 'newer', publishedAt: '2025-10-20T00:00:00.000Z', updatedAt: '2025-10-20T00:00:00.000Z' }),
      item({ slug: 'older-corrected', publishedAt: '2025-10-01T00:00:00.000Z', updatedAt: '2025-10-25T09:00:00.000Z' }),
    ];
    const rss = rssFeed(channel, items, 'Kiji');
    expect(rss).toContain(`<lastBuildDate>${new Date('2025-10-25T09:00:00.000Z').toUTCString()}</lastBuildDate>`);
    expect(XMLValidator.validate(rss)).toBe(true);
    const atom = atomFeed(channel, items, 'Kiji');
    expect(atom).toContain('<updated>2025-10-25T18:00:00+09:00</updated>');
    expect(XMLValidator.validate(atom)).toBe(true);
  });

  it('give each item its image: the lead image’s largest JPEG with its alt text, else the article’s share card', () => {
    const withImage = item({
      slug: 'with-image',
      thumbnail: { id: 42, width: 2400, height: 1600 },
      leadImageAlt: '会談の様子',
    });
    const rss = rssFeed(channel, [withImage, item({ slug: 'without' })], 'Kiji');
    expect(rss).toContain(
      '<media:content url="https://kiji.example.jp/media/images/42/1600.jpg" type="image/jpeg" medium="image" width="1600" height="1067"><media:description>会談の様子</media:description></media:content>',
    );
    expect(rss).toContain('<media:content url="https://kiji.example.jp/media/articles/without/2.png" type="image/png"');
    expect(rss).toContain('xmlns:media="http://search.yahoo.com/mrss/"');
    expect(XMLValidator.validate(rss)).toBe(true);
    const atom = atomFeed(channel, [withImage], 'Kiji');
    expect(atom).toContain(
      '<link rel="enclosure" type="image/jpeg" href="https://kiji.example.jp/media/images/42/1600.jpg"/>',
    );
    expect(XMLValidator.validate(atom)).toBe(true);
  });
});
