import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { cliActor } from '../../lib/auth/actor';
import { importArticleDocument } from '../../lib/editorial/importer';
import { parseArticleBytes } from '../../lib/articles/text/parse';
import { ensureDefaultCategories } from '../../lib/articles/categories';
import { db } from '../../lib/platform/db';
import { storeImage } from '../../lib/media/images';
import { ensureDemoEditor } from '../../lib/editorial/profiles';
import { DEMO_MOTIFS, demoIllustration } from './demo-images';

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
    /** A drawn illustration (./demo-images.ts), with alt text that describes what is drawn. */
    image: z.object({ motif: z.enum(DEMO_MOTIFS), alt: z.string().min(1), caption: z.string().min(1) }).optional(),
  }),
);

/** Loads the seed article and the demo articles, through the same parser and writer as `npm run import`. */
export async function loadDemoContent(log: (line: string) => void = () => {}): Promise<number> {
  await ensureDefaultCategories();
  const manifest = manifestSchema.parse(JSON.parse(await readFile(path.join(SEED_DIR, 'manifest.json'), 'utf8')));
  // Demo articles are signed by a demo editor, whose profile says it is one.
  const editorId = await ensureDemoEditor(cliActor);
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
        editorId,
        ...(entry.image
          ? {
              leadImage: {
                // Uploaded as an editor's file is, through the same checks and renditions.
                id: (await storeImage(cliActor, await demoIllustration(entry.image.motif), { source: 'illustration' }))
                  .id,
                alt: entry.image.alt,
                caption: entry.image.caption,
                credit: 'Kiji（デモ用に作成）',
                source: 'illustration' as const,
              },
            }
          : {}),
      },
    );
    log(`${saved.created ? 'created' : 'updated'} ${saved.path}`);
  }
  return manifest.length;
}

export async function isDatabaseEmpty(): Promise<boolean> {
  return (await db().article.count()) === 0;
}
