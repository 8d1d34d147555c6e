import 'server-only';
import { db } from '../platform/db';

import { DEFAULT_CATEGORIES } from './category-defaults';

export async function ensureDefaultCategories(): Promise<void> {
  await db().category.createMany({
    data: DEFAULT_CATEGORIES.map((category, position) => ({ ...category, position })),
    skipDuplicates: true,
  });
}
