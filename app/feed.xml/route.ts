import { feedResponse } from '@/lib/crawlers/feed-routes';
import { routes } from '@/lib/routes/registry';

export const revalidate = 3600;

export function GET() {
  return feedResponse('rss', null, routes.feed.href());
}
