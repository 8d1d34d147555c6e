import { publishDueArticles } from '@/lib/editorial';
import { isInternalRequest } from '@/lib/scheduler';

export const dynamic = 'force-dynamic';

export async function POST(request: Request) {
  if (!isInternalRequest(request)) return Response.json({ error: 'not found' }, { status: 404 });
  const published = await publishDueArticles({ kind: 'system', name: 'scheduler' });
  return Response.json({ published });
}
