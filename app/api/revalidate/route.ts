import { timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { expireArticleChange } from '@/lib/revalidate';

/**
 * Lets the command-line import tell running instances what it changed. Guarded by
 * REVALIDATE_SECRET; without one configured, the endpoint does not exist.
 */
const changeSchema = z.object({
  slugs: z.array(z.string().regex(/^[a-z0-9-]{1,100}$/)).max(10),
  categorySlugs: z.array(z.string().regex(/^[a-z0-9-]{1,50}$/)).max(10),
  tagSlugs: z.array(z.string().min(1).max(60)).max(50),
});

function authorized(request: Request): boolean {
  const secret = process.env.REVALIDATE_SECRET;
  if (!secret || secret.length < 16) return false;
  const given = Buffer.from(request.headers.get('authorization') ?? '');
  const expected = Buffer.from(`Bearer ${secret}`);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

export async function POST(request: Request) {
  if (!authorized(request)) return Response.json({ error: 'not found' }, { status: 404 });
  const parsed = changeSchema.safeParse(await request.json().catch(() => null));
  if (!parsed.success) return Response.json({ error: 'invalid change' }, { status: 400 });
  return Response.json({ expired: await expireArticleChange(parsed.data) });
}
