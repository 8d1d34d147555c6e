import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { cliActor, ForbiddenError, type Actor } from '../auth/actor';
import { loadPublishedArticle } from '../articles/public-reads';
import { saveArticle } from '../editorial/save';
import { blankFormValues, type ArticleFormValues } from '../articles/input';
import { db, disconnectDb } from '../platform/db';
import { storeImage } from './images';
import { readRendition } from '../articles/public-images';
import { ImageRefused } from './process';
import { CROPS, cropFile, cropSize, IMAGE_FORMATS, renditionFile, renditionWidths } from './renditions';
import { userActor } from '../../scripts/test-support/integration';

afterAll(disconnectDb);

const editor = userActor('media-editor', 'editor', { email: 'media@example.jp', name: '画像 担当' });

/**
 * A camera's JPEG: 2400 × 1500 stored sideways with EXIF orientation 6 (so 1500 × 2400 upright),
 * carrying a GPS position, as phones write them.
 */
async function cameraJpeg(seed: number): Promise<Buffer> {
  return sharp({ create: { width: 2400, height: 1500, channels: 3, background: { r: seed, g: 120, b: 200 } } })
    .jpeg()
    .withMetadata({ orientation: 6 })
    .withExif({
      IFD0: { Make: 'ExampleCam' },
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '35/1 41/1 0/1', GPSLongitudeRef: 'E', GPSLongitude: '139/1 41/1 0/1' },
    })
    .toBuffer();
}

describe('an uploaded image', () => {
  it('is turned upright, stripped of EXIF and its GPS position, and made in every format, width and crop', async () => {
    const original = await cameraJpeg(10);
    const before = await sharp(original).metadata();
    expect(before.orientation).toBe(6);
    // The GPSInfo pointer (tag 0x8825, little-endian): the position is there to be removed.
    expect(before.exif!.includes(Buffer.from([0x25, 0x88]))).toBe(true);
    const stored = await storeImage(editor, original);
    expect(stored).toMatchObject({ width: 1500, height: 2400 });

    const expected = [
      ...renditionWidths(1500).flatMap((width) => IMAGE_FORMATS.map((format) => renditionFile(width, format))),
      ...(Object.keys(CROPS) as (keyof typeof CROPS)[]).map(cropFile),
    ];
    const rows = await db().mediaRendition.findMany({ where: { imageId: stored.id }, select: { name: true } });
    expect(rows.map((row) => row.name).sort()).toEqual([...expected].sort());

    for (const name of expected) {
      const rendition = (await readRendition(stored.id, name, 'editor'))!;
      const metadata = await sharp(rendition.bytes).metadata();
      expect(metadata.exif, name).toBeUndefined();
      expect(metadata.orientation ?? 1, name).toBe(1);
      expect(`image/${metadata.format === 'heif' ? 'avif' : metadata.format}`, name).toBe(rendition.contentType);
    }
    const crop = await sharp((await readRendition(stored.id, cropFile('16x9'), 'editor'))!.bytes).metadata();
    expect({ width: crop.width, height: crop.height }).toEqual(cropSize('16x9'));
    const widest = await sharp(
      (await readRendition(stored.id, renditionFile(1200, 'webp'), 'editor'))!.bytes,
    ).metadata();
    expect({ width: widest.width, height: widest.height }).toEqual({ width: 1200, height: 1920 });

    const audit = await db().auditEntry.findFirstOrThrow({
      where: { action: 'image_upload', targetId: String(stored.id) },
    });
    expect(audit.actorId).toBe('media-editor');
  });

  it('is stored once however often the same file is uploaded', async () => {
    const bytes = await cameraJpeg(20);
    const [first, second] = await Promise.all([storeImage(editor, bytes), storeImage(editor, bytes)]);
    expect(second.id).toBe(first.id);
    expect(await db().mediaImage.count({ where: { id: first.id } })).toBe(1);
  });

  it('is refused when its bytes are not an image Kiji takes, whatever it claims, or when it is too small or empty', async () => {
    const svg = Buffer.from(
      '<svg xmlns="http://www.w3.org/2000/svg" width="800" height="800"><script>alert(1)</script></svg>',
    );
    const html = Buffer.from('<!doctype html><title>x</title>');
    const tiny = await sharp({ create: { width: 120, height: 90, channels: 3, background: '#888' } })
      .png()
      .toBuffer();
    const truncated = (await cameraJpeg(30)).subarray(0, 2000);
    for (const [bytes, message] of [
      [svg, /JPEG、PNG、WebP、AVIF/],
      [html, /JPEG、PNG、WebP、AVIF/],
      [Buffer.alloc(0), /空/],
      [tiny, /200px以上/],
      [truncated, /読み取れません/],
    ] as const) {
      await expect(storeImage(editor, bytes)).rejects.toThrow(ImageRefused);
      await expect(storeImage(editor, bytes)).rejects.toThrow(message);
    }
  });

  it('takes a PNG, WebP or AVIF by its bytes', async () => {
    const base = sharp({ create: { width: 640, height: 480, channels: 3, background: '#3a7' } });
    for (const bytes of [
      await base.clone().png().toBuffer(),
      await base.clone().webp().toBuffer(),
      await base.clone().avif().toBuffer(),
    ]) {
      const stored = await storeImage(editor, bytes);
      expect(stored).toMatchObject({ width: 640, height: 480 });
    }
  });

  it('may be uploaded only by someone who may edit articles', async () => {
    await expect(storeImage(null as unknown as Actor, await cameraJpeg(40))).rejects.toThrow(ForbiddenError);
  });
});

function article(slug: string, extra: Partial<ArticleFormValues> = {}): ArticleFormValues {
  return {
    ...blankFormValues(new Date('2025-10-18T03:00:00Z')),
    title: '画像のある記事',
    slug,
    lead: 'リード。',
    noSourcesReason: '試験の記事で、出典はないため',
    sections: [{ heading: '見出し', body: '本文。', cites: '' }],
    ...extra,
  };
}

describe('an article’s images', () => {
  it('need alt text and a provenance, on a draft as on publishing, named by field', async () => {
    const { id } = await storeImage(editor, await cameraJpeg(50));
    const result = await saveArticle(editor, {
      intent: 'draft',
      values: article('image-needs-alt', {
        leadImage: String(id),
        sections: [{ heading: '見出し', body: '本文。', cites: '', image: String(id), imageSource: 'photograph' }],
      }),
    });
    expect(result).toMatchObject({
      ok: false,
      errors: {
        leadImageAlt: '画像の代替テキストを入力してください',
        leadImageSource: '画像の種類を選んでください',
        'sections.0.imageAlt': '画像の代替テキストを入力してください',
      },
    });
  });

  it('must exist: an id no upload made is refused at its field', async () => {
    const result = await saveArticle(editor, {
      intent: 'draft',
      values: article('image-unknown', { leadImage: '999999', leadImageAlt: '説明', leadImageSource: 'photograph' }),
    });
    expect(result).toMatchObject({ ok: false, errors: { leadImage: expect.stringContaining('見つかりません') } });
  });

  it('reach readers with their words and provenance, in the lead and in a section, and in the revision', async () => {
    const { id } = await storeImage(editor, await cameraJpeg(60));
    const saved = await saveArticle(cliActor, {
      intent: 'publish',
      values: article('image-published', {
        leadImage: String(id),
        leadImageAlt: '会見する知事',
        leadImageCaption: '記者会見の様子',
        leadImageCredit: '例示通信',
        leadImageSource: 'photograph',
        sections: [
          {
            heading: '図解',
            body: '本文。',
            cites: '',
            image: String(id),
            imageAlt: '被害の範囲を示した地図',
            imageCaption: '',
            imageCredit: '',
            imageSource: 'illustration',
          },
        ],
      }),
    });
    if (!saved.ok) throw new Error(saved.message);
    const view = (await loadPublishedArticle('image-published'))!;
    expect(view.leadImage).toEqual({
      id,
      width: 1500,
      height: 2400,
      alt: '会見する知事',
      caption: '記者会見の様子',
      credit: '例示通信',
      source: 'photograph',
    });
    expect(view.sections[0]!.image).toMatchObject({
      id,
      alt: '被害の範囲を示した地図',
      caption: null,
      source: 'illustration',
    });
    expect(view.thumbnail).toEqual({ id, width: 1500, height: 2400 });
    const revision = await db().articleRevision.findFirstOrThrow({
      where: { articleId: saved.id, version: saved.version },
      select: { snapshot: true },
    });
    expect(revision.snapshot).toMatchObject({
      leadImage: String(id),
      leadImageAlt: '会見する知事',
      sections: [{ image: String(id), imageSource: 'illustration' }],
    });
  });
});

describe('how an image was made, said after its upload', () => {
  const digitalSource = (code: string) =>
    `<Iptc4xmpExt:DigitalSourceType>http://cv.iptc.org/newscodes/digitalsourcetype/${code}</Iptc4xmpExt:DigitalSourceType>`;
  const stored = (id: number) =>
    db().mediaImage.findUniqueOrThrow({ where: { id }, select: { xmpSource: true, renditionsMadeAt: true } });
  /** Each rendition's XMP, or 'none', by its file name. */
  async function xmpOf(id: number): Promise<Record<string, string>> {
    const renditions = await db().mediaRendition.findMany({
      where: { imageId: id },
      select: { name: true, bytes: true },
    });
    expect(renditions.length).toBeGreaterThan(10);
    return Object.fromEntries(
      await Promise.all(
        renditions.map(async (rendition) => {
          const metadata = await sharp(Buffer.from(rendition.bytes)).metadata();
          expect(metadata.exif, rendition.name).toBeUndefined();
          return [rendition.name, metadata.xmp?.toString() ?? 'none'];
        }),
      ),
    );
  }

  it('is written into every rendition once an article is saved with it, and the files’ time moves on', async () => {
    const { id } = await storeImage(editor, await cameraJpeg(70));
    expect(new Set(Object.values(await xmpOf(id)))).toEqual(new Set(['none']));
    const before = await stored(id);
    expect(before.xmpSource).toBeNull();

    const lead = { leadImage: String(id), leadImageAlt: '生成した風景', leadImageSource: 'ai-generated' };
    const saved = await saveArticle(cliActor, { intent: 'draft', values: article('image-kind-later', lead) });
    if (!saved.ok) throw new Error(saved.message);
    expect(saved.notDone ?? null).toBeNull();
    for (const [name, xmp] of Object.entries(await xmpOf(id)))
      expect(xmp, name).toContain(digitalSource('trainedAlgorithmicMedia'));
    const after = await stored(id);
    expect(after.xmpSource).toBe('ai-generated');
    expect(after.renditionsMadeAt.getTime()).toBeGreaterThan(before.renditionsMadeAt.getTime());

    // Saved again with the same kind: the files are left as they are.
    const again = await saveArticle(cliActor, {
      intent: 'draft',
      id: saved.id,
      baseVersion: saved.version,
      values: article('image-kind-later', { ...lead, lead: '書き直したリード。' }),
    });
    if (!again.ok) throw new Error(again.message);
    expect((await stored(id)).renditionsMadeAt).toEqual(after.renditionsMadeAt);
  });

  it('changes with a corrected kind, is left alone by a save that gives the file two kinds, and comes with a re-upload', async () => {
    const bytes = await cameraJpeg(71);
    const { id } = await storeImage(editor, bytes, { source: 'photograph' });
    expect(Object.values(await xmpOf(id))[0]).toContain(digitalSource('digitalCapture'));

    const twoKinds = await saveArticle(cliActor, {
      intent: 'draft',
      values: article('image-two-kinds', {
        leadImage: String(id),
        leadImageAlt: '図',
        leadImageSource: 'illustration',
        sections: [
          {
            heading: '見出し',
            body: '本文。',
            cites: '',
            image: String(id),
            imageAlt: '写真',
            imageSource: 'photograph',
          },
          {
            heading: '見出し2',
            body: '本文。',
            cites: '',
            image: String(id),
            imageAlt: '図',
            imageSource: 'ai-generated',
          },
        ],
      }),
    });
    if (!twoKinds.ok) throw new Error(twoKinds.message);
    expect((await stored(id)).xmpSource).toBe('photograph');

    const corrected = await saveArticle(cliActor, {
      intent: 'draft',
      values: article('image-kind-corrected', {
        leadImage: String(id),
        leadImageAlt: '図',
        leadImageSource: 'illustration',
      }),
    });
    if (!corrected.ok) throw new Error(corrected.message);
    for (const [name, xmp] of Object.entries(await xmpOf(id))) expect(xmp, name).toContain(digitalSource('digitalArt'));

    // The same file uploaded again with a kind: that one, as for a new upload.
    expect((await storeImage(editor, bytes, { source: 'ai-generated' })).id).toBe(id);
    for (const [name, xmp] of Object.entries(await xmpOf(id)))
      expect(xmp, name).toContain(digitalSource('trainedAlgorithmicMedia'));
  });
});
