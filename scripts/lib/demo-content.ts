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
import { postLiveUpdate, type LiveUpdateInput } from '../../lib/articles/live';
import { DEMO_LIVE_SLUG } from './demo-slugs';
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
  await loadDemoLivePage(editorId, log);
  return manifest.length + 1;
}

const DEMO_LIVE_UPDATES: LiveUpdateInput[] = [
  {
    heading: '気象庁が大雨特別警報の可能性に言及',
    body: '気象庁は記者会見で、台風の接近に伴い今夜から大雨特別警報を発表する可能性があると説明しました。',
    keyEvent: true,
    sources: [{ title: '気象庁 報道発表資料', url: 'https://www.jma.go.jp/jma/press/index.html' }],
  },
  {
    body: '鉄道各社は、午後から一部区間で計画運休を行うと発表しました。最新の運行情報は各社の案内を確認してください。',
  },
  {
    heading: '避難情報の確認を',
    body: '自治体の避難情報は、住んでいる市区町村のホームページや防災アプリで確認できます。',
    pinned: true,
  },
];

/** The demo live page: its summary and background through the importer, its updates through the live writer. */
async function loadDemoLivePage(editorId: string, log: (line: string) => void) {
  const saved = await importArticleDocument(
    cliActor,
    {
      title: '【デモ・ライブ】台風の上陸に備える：最新の動き',
      lead: 'デモ用のライブページです。台風の接近に伴う各機関の発表を、新しい順にまとめます。',
      kind: 'live',
      disclosure: 'ai-assisted',
      sections: [
        {
          heading: 'これまでの経緯',
          paragraphs: [
            '台風は発達しながら北上しており、週末にかけて西日本に接近する見込みです（デモ用の架空の記述）。',
          ],
        },
      ],
      sources: [],
      tags: ['デモ', '台風'],
    },
    {
      slug: DEMO_LIVE_SLUG,
      category: 'society',
      status: 'published',
      demo: true,
      editorId,
      noSourcesReason: 'デモ用の架空の記事のため',
    },
  );
  const article = await db().article.findUniqueOrThrow({
    where: { slug: DEMO_LIVE_SLUG },
    select: { id: true, _count: { select: { liveUpdates: true } } },
  });
  // Safe to run again: updates are posted once.
  if (article._count.liveUpdates === 0) {
    for (const update of DEMO_LIVE_UPDATES) {
      const posted = await postLiveUpdate(cliActor, article.id, { disclosure: 'ai-assisted', ...update });
      if (!posted.ok) throw new Error(`${DEMO_LIVE_SLUG}: ${posted.message}`);
    }
  }
  log(`${saved.created ? 'created' : 'updated'} ${saved.path}`);
}

export async function isDatabaseEmpty(): Promise<boolean> {
  return (await db().article.count()) === 0;
}
