import type { FeedItem } from '../articles/views';
import type { LiveUpdateView } from '../articles/live-views';
import { SHORT_DISCLAIMER } from '../articles/text/site-text';
import { toTokyoIso } from '../format/dates';
import { DISCLOSURE_LABELS } from '../articles/disclosure';
import { escapeXml } from './xml';
import { largestJpeg } from '../media/renditions';
import { routes } from '../routes/registry';
import { sourcesPromise } from '../articles/sources-rule';

/**
 * RSS 2.0 and Atom for Kiji. Each item carries the full text (as escaped HTML), the creator, the
 * category, and the AI disclosure: as text a reader sees and as an element machines read.
 */
export const AI_DISCLOSURE_NAMESPACE = 'urn:kiji:ai-disclosure:1';

export type FeedChannel = {
  title: string;
  description: string;
  siteUrl: string;
  selfUrl: string;
  alternatePath: string;
};

/** The site feed's description: what Kiji is, and what it promises about sources (lib/articles/sources-rule.ts). */
export function siteFeedDescription(siteName: string): string {
  return `${siteName} は、AIが公的資料や報道を整理して制作したニュースを届けます。${sourcesPromise('short')}。`;
}

/** The 参考・出典 block: the sources the text's markers [1] [2] refer to, in their order. */
function sourcesHtml(item: FeedItem): string {
  if (item.sources.length === 0) {
    return item.noSourcesReason ? `<h2>参考・出典</h2><p>${escapeXml(`出典なし：${item.noSourcesReason}`)}</p>` : '';
  }
  const entries = item.sources.map(
    (source) =>
      `<li><a href="${escapeXml(source.url)}">${escapeXml(source.title)}</a>${source.publisher ? escapeXml(`（${source.publisher}）`) : ''}</li>`,
  );
  return `<h2>参考・出典</h2><ol>${entries.join('')}</ol>`;
}

export function articleHtml(item: FeedItem): string {
  const paragraphs = (texts: string[]) => texts.map((text) => `<p>${escapeXml(text)}</p>`).join('');
  return [
    paragraphs(item.lead.split(/\n{2,}/)),
    ...item.sections.map((section) => `<h2>${escapeXml(section.heading)}</h2>${paragraphs(section.paragraphs)}`),
    sourcesHtml(item),
    `<p><small>${escapeXml(`【${DISCLOSURE_LABELS[item.disclosure]}】${SHORT_DISCLAIMER}`)}</small></p>`,
  ].join('');
}

/** Each item's picture: the lead image's largest JPEG, else the article's generated share image. */
export function itemImage(item: FeedItem, siteUrl: string) {
  if (item.thumbnail) {
    const jpeg = largestJpeg(item.thumbnail.id, item.thumbnail);
    return { ...jpeg, url: siteUrl + jpeg.url, type: 'image/jpeg', description: item.leadImageAlt ?? item.title };
  }
  return {
    url: siteUrl + routes.article.image(item.slug, item.version),
    width: 1200,
    height: 630,
    type: 'image/png',
    description: item.title,
  };
}

const creator = (item: FeedItem, siteName: string) => `${siteName}（${DISCLOSURE_LABELS[item.disclosure]}）`;

export function rssFeed(channel: FeedChannel, items: FeedItem[], siteName: string): string {
  const entries = items.map((item) => {
    const url = `${channel.siteUrl}/articles/${item.slug}`;
    const image = itemImage(item, channel.siteUrl);
    return `
    <item>
      <title>${escapeXml(item.title)}</title>
      <link>${escapeXml(url)}</link>
      <guid isPermaLink="true">${escapeXml(url)}</guid>
      <pubDate>${new Date(item.publishedAt).toUTCString()}</pubDate>
      <description>${escapeXml(item.lead)}</description>
      <content:encoded>${escapeXml(articleHtml(item))}</content:encoded>
      <dc:creator>${escapeXml(creator(item, siteName))}</dc:creator>
      <category>${escapeXml(item.category.name)}</category>
      ${item.tags.map((tag) => `<category domain="${escapeXml(`${channel.siteUrl}/tag`)}">${escapeXml(tag)}</category>`).join('')}
      <media:content url="${escapeXml(image.url)}" type="${image.type}" medium="image" width="${image.width}" height="${image.height}"><media:description>${escapeXml(image.description)}</media:description></media:content>
      <ai:disclosure>${item.disclosure}</ai:disclosure>
    </item>`;
  });
  const updated = newestChange(items);
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:media="http://search.yahoo.com/mrss/" xmlns:ai="${AI_DISCLOSURE_NAMESPACE}">
  <channel>
    <title>${escapeXml(channel.title)}</title>
    <link>${escapeXml(channel.siteUrl + channel.alternatePath)}</link>
    <description>${escapeXml(channel.description)}</description>
    <language>ja</language>
    <lastBuildDate>${new Date(updated).toUTCString()}</lastBuildDate>
    <atom:link href="${escapeXml(channel.selfUrl)}" rel="self" type="application/rss+xml"/>${entries.join('')}
  </channel>
</rss>
`;
}

/** When the feed last changed: the newest change to any item, not the newest item's publication. */
export function newestChange(items: FeedItem[]): string {
  return items.reduce((latest, item) => (item.updatedAt > latest ? item.updatedAt : latest), new Date(0).toISOString());
}

export function atomFeed(channel: FeedChannel, items: FeedItem[], siteName: string): string {
  const updated = newestChange(items);
  const entries = items.map((item) => {
    const url = `${channel.siteUrl}/articles/${item.slug}`;
    const image = itemImage(item, channel.siteUrl);
    return `
  <entry>
    <id>${escapeXml(url)}</id>
    <title>${escapeXml(item.title)}</title>
    <link rel="alternate" type="text/html" href="${escapeXml(url)}"/>
    <link rel="enclosure" type="${image.type}" href="${escapeXml(image.url)}"/>
    <published>${toTokyoIso(new Date(item.publishedAt))}</published>
    <updated>${toTokyoIso(new Date(item.updatedAt))}</updated>
    <author><name>${escapeXml(creator(item, siteName))}</name></author>
    <category term="${escapeXml(item.category.slug)}" label="${escapeXml(item.category.name)}"/>
    <summary>${escapeXml(item.lead)}</summary>
    <content type="html">${escapeXml(articleHtml(item))}</content>
    <ai:disclosure>${item.disclosure}</ai:disclosure>
  </entry>`;
  });
  return `<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xmlns:ai="${AI_DISCLOSURE_NAMESPACE}" xml:lang="ja">
  <id>${escapeXml(channel.siteUrl + channel.alternatePath)}</id>
  <title>${escapeXml(channel.title)}</title>
  <subtitle>${escapeXml(channel.description)}</subtitle>
  <updated>${toTokyoIso(new Date(updated))}</updated>
  <link rel="self" type="application/atom+xml" href="${escapeXml(channel.selfUrl)}"/>
  <link rel="alternate" type="text/html" href="${escapeXml(channel.siteUrl + channel.alternatePath)}"/>${entries.join('')}
</feed>
`;
}

/**
 * A live page's updates as an Atom feed, newest first (docs/decisions/0040): each entry is an
 * update at its own address, labelled as the page labels it when AI made it.
 */
export function liveAtomFeed(
  live: { title: string; slug: string; lead: string; siteUrl: string; updatedAt: string },
  updates: LiveUpdateView[],
  siteName: string,
): string {
  const pageUrl = live.siteUrl + routes.article.href(live.slug);
  const updated = updates.reduce(
    (latest, update) => [update.postedAt, update.editedAt ?? ''].reduce((a, b) => (b > a ? b : a), latest),
    live.updatedAt,
  );
  const entries = updates.map((update) => {
    const url = live.siteUrl + routes.liveUpdate.href(live.slug, update.id);
    const html = update.paragraphs.map((paragraph) => `<p>${escapeXml(paragraph)}</p>`).join('');
    return `
  <entry>
    <id>${escapeXml(url)}</id>
    <title>${escapeXml(update.heading ?? update.paragraphs.join('').slice(0, 80))}</title>
    <link rel="alternate" type="text/html" href="${escapeXml(url)}"/>
    <published>${toTokyoIso(new Date(update.postedAt))}</published>
    <updated>${toTokyoIso(new Date(update.editedAt ?? update.postedAt))}</updated>
    <author><name>${escapeXml(siteName)}</name></author>${update.keyEvent ? '\n    <category term="key-event" label="重要な出来事"/>' : ''}
    <content type="html">${escapeXml(html)}</content>
    <ai:disclosure>${update.disclosure}</ai:disclosure>
  </entry>`;
  });
  return `<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xmlns:ai="${AI_DISCLOSURE_NAMESPACE}" xml:lang="ja">
  <id>${escapeXml(pageUrl)}</id>
  <title>${escapeXml(`${live.title}（ライブ）— ${siteName}`)}</title>
  <subtitle>${escapeXml(live.lead)}</subtitle>
  <updated>${toTokyoIso(new Date(updated))}</updated>
  <link rel="self" type="application/atom+xml" href="${escapeXml(live.siteUrl + routes.liveFeed.href(live.slug))}"/>
  <link rel="alternate" type="text/html" href="${escapeXml(pageUrl)}"/>${entries.join('')}
</feed>
`;
}
