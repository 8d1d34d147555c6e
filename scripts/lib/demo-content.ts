import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { cliActor } from '../../lib/auth/actor';
import { importArticleDocument } from '../../lib/articles/importer';
import { parseArticleBytes } from '../../lib/articles/text/parse';
import { ensureDefaultCategories } from '../../lib/articles/categories';
import { db } from '../../lib/platform/db';

const SEED_DIR = path.resolve(import.meta.dirname, '../../prisma/seed');

const manifestSchema = z.array(
  z.object({
    file: z.string(),
    slug: z.string(),
    category: z.string(),
    place: z.string().optional(),
    tags: z.array(z.string()).default([]),
    /** For an article published without sources, as the seed article is: shown to readers. */
    noSourcesReason: z.string().optional(),
  }),
);

/** Loads the seed article and the demo articles, through the same parser and writer as `npm run import`. */
export async function loadDemoContent(log: (line: string) => void = () => {}): Promise<number> {
  await ensureDefaultCategories();
  const manifest = manifestSchema.parse(JSON.parse(await readFile(path.join(SEED_DIR, 'manifest.json'), 'utf8')));
  for (const entry of manifest) {
    const result = parseArticleBytes(await readFile(path.join(SEED_DIR, 'articles', entry.file)), entry.file);
    if (!result.ok)
      throw new Error(`${entry.file}: ${result.problems.map((p) => `line ${p.line}: ${p.message}`).join('; ')}`);
    const saved = await importArticleDocument(
      cliActor,
      { ...result.article, tags: entry.tags },
      {
        slug: entry.slug,
        category: entry.category,
        place: entry.place,
        status: 'published',
        noSourcesReason: entry.noSourcesReason,
        demo: true,
      },
    );
    log(`${saved.created ? 'created' : 'updated'} ${saved.path}`);
  }
  return manifest.length;
}

export async function isDatabaseEmpty(): Promise<boolean> {
  return (await db().article.count()) === 0;
}
