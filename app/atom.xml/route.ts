import { feedResponse } from '@/lib/feed-routes';

export const revalidate = 3600;

export function GET() {
  return feedResponse('atom', null, '/atom.xml');
}
