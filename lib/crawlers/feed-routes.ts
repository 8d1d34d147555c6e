import 'server-only';
import { listFeedItems } from '../articles/public-reads';
import { siteSections } from '../articles/category-defaults';
import { config, siteUrl } from '../platform/config';
import { atomFeed, rssFeed, siteFeedDescription, type FeedChannel } from './feeds';
import { xmlResponse } from './xml';
import { routes } from '../routes/registry';

export const FEED_SIZE = 50;

async function channelFor(categorySlug: string | null, selfPath: string): Promise<FeedChannel | null> {
  const SITE_URL = siteUrl();
  const { SITE_NAME } = config();
  if (!categorySlug) {
    return {
      title: `${SITE_NAME}（記事）`,
      description: siteFeedDescription(SITE_NAME),
      siteUrl: SITE_URL,
      selfUrl: SITE_URL + selfPath,
      alternatePath: '/',
    };
  }
  const category = siteSections().find((candidate) => candidate.slug === categorySlug);
  if (!category) return null;
  return {
    title: `${SITE_NAME}（記事）— ${category.name}`,
    description: `${category.name}のニュース。AIが公的資料や報道を整理して制作しました。`,
    siteUrl: SITE_URL,
    selfUrl: SITE_URL + selfPath,
    alternatePath: routes.category.href(category.slug),
  };
}

export async function feedResponse(
  format: 'rss' | 'atom',
  categorySlug: string | null,
  selfPath: string,
): Promise<Response> {
  const channel = await channelFor(categorySlug, selfPath);
  if (!channel) return new Response('Not found', { status: 404 });
  const items = await listFeedItems(categorySlug, FEED_SIZE);
  const { SITE_NAME } = config();
  return format === 'rss'
    ? xmlResponse(rssFeed(channel, items, SITE_NAME), 'application/rss+xml')
    : xmlResponse(atomFeed(channel, items, SITE_NAME), 'application/atom+xml');
}
