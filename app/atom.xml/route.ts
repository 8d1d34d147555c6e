import { feedResponse } from '@/lib/crawlers/feed-routes';

export const revalidate = 3600;

export function GET() {
  return feedResponse('atom', null, '/atom.xml');
}
