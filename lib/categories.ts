import 'server-only';
import { db } from './db';

/** The site's sections. Imports and the seed make sure they exist. */
export const DEFAULT_CATEGORIES = [
  { slug: 'world', name: '国際' },
  { slug: 'politics', name: '政治' },
  { slug: 'economy', name: '経済' },
  { slug: 'society', name: '社会' },
  { slug: 'technology', name: '科学・技術' },
] as const;

export async function ensureDefaultCategories(): Promise<void> {
  await db().category.createMany({
    data: DEFAULT_CATEGORIES.map((category, position) => ({ ...category, position })),
    skipDuplicates: true,
  });
}
