import 'server-only';
import type { Prisma } from '../generated/prisma/client';

import { tagSlugFor } from './tag-slug';

export { tagSlugFor };

/** Finds or creates tags by name. ON CONFLICT DO NOTHING keeps concurrent saves from colliding. */
export async function ensureTags(
  tx: Prisma.TransactionClient,
  names: string[],
): Promise<{ id: number; slug: string }[]> {
  const bySlug = new Map(names.map((name) => [tagSlugFor(name), name]));
  if (bySlug.size === 0) return [];
  await tx.tag.createMany({ data: [...bySlug].map(([slug, name]) => ({ slug, name })), skipDuplicates: true });
  return tx.tag.findMany({ where: { slug: { in: [...bySlug.keys()] } }, select: { id: true, slug: true } });
}
