import 'server-only';
import { createHash } from 'node:crypto';
import { assertMayEditArticles, type Actor } from '../auth/actor';
import { audit } from '../auth/audit';
import { db } from '../platform/db';
import type { Prisma } from '../generated/prisma/client';
import { processUpload, stampedRenditions } from './process';
import { log } from '../platform/logger.mjs';
import { pictureSources, type ImageSize, type ImageSourceKind } from './renditions';

/**
 * Kiji's images, stored in PostgreSQL: every instance sees an upload at once with no shared disk,
 * and the database backup covers them (docs/decisions/0022). An image is immutable once stored;
 * an article says how it uses it (alt text, caption, credit, provenance), so one file can serve
 * two articles with two captions.
 */

export type StoredImage = ImageSize & { id: number; preview: string };

function toStored(row: { id: number; width: number; height: number }): StoredImage {
  return { id: row.id, width: row.width, height: row.height, preview: pictureSources(row.id, row).src };
}

/**
 * Checks, processes and stores an upload; the same bytes uploaded again are the image already
 * stored. `source`, when the editor has chosen it, goes into the renditions' XMP (lib/media/process.ts).
 */
export async function storeImage(
  actor: Actor,
  bytes: Buffer,
  options: { source?: ImageSourceKind } = {},
): Promise<StoredImage> {
  assertMayEditArticles(actor);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const select = { id: true, width: true, height: true } as const;
  const existing = await db().mediaImage.findUnique({ where: { sha256 }, select });
  if (existing) {
    // The same file again, now with a kind: its renditions carry that one from here on.
    if (options.source) await stampImageSource(existing.id, options.source);
    return toStored(existing);
  }
  const processed = await processUpload(bytes, options);
  const stored = await db().$transaction(async (tx) => {
    // Two uploads of one file at once: the second finds the first's row instead of failing.
    const again = await tx.mediaImage.findUnique({ where: { sha256 }, select });
    if (again) return again;
    const image = await tx.mediaImage.create({
      data: {
        sha256,
        width: processed.width,
        height: processed.height,
        format: processed.format,
        byteSize: bytes.length,
        createdBy: actor.kind === 'user' ? actor.userId : null,
        xmpSource: options.source ?? null,
      },
      select,
    });
    await tx.mediaRendition.createMany({
      data: processed.renditions.map((rendition) => ({
        imageId: image.id,
        name: rendition.name,
        contentType: rendition.contentType,
        width: rendition.width,
        height: rendition.height,
        bytes: new Uint8Array(rendition.bytes),
      })),
    });
    await audit(
      {
        actor,
        action: 'image_upload',
        targetType: 'image',
        targetId: image.id,
        detail: { width: image.width, height: image.height, format: processed.format, bytes: bytes.length },
      },
      tx,
    );
    return image;
  });
  return toStored(stored);
}

/**
 * Who may see an image (decision 0024): readers, only while a public article (published, its time
 * come, not deleted) uses it as its lead image or a section's; an embargoed story's pictures stay
 * as private as its text. Editors signed in see every upload.
 */
export type ImageAudience = 'reader' | 'editor';

/**
 * How long a rendition may be kept. The bytes never change, but whether readers may see them does:
 * a reader's browser keeps a public image for an hour (it has seen it already), a shared cache for
 * a minute, so that an unpublished story's pictures leave CDNs and proxies within a minute. What
 * only an editor may see is never stored, and neither is the 404 (identical for an id that does
 * not exist and for one that is not public), so an image that becomes public shows at once.
 */
export const IMAGE_CACHE_CONTROL = {
  public: 'public, max-age=3600, s-maxage=60, immutable',
  editorOnly: 'private, no-store',
  notFound: 'no-store',
} as const;

/**
 * When an image's renditions were last made (the upload, or a later stamp of their kind): their
 * `Last-Modified`, for If-Modified-Since. One indexed read by the image's id.
 */
export async function renditionsMadeAt(id: number): Promise<Date | null> {
  const row = await db().mediaImage.findUnique({ where: { id }, select: { renditionsMadeAt: true } });
  return row?.renditionsMadeAt ?? null;
}

/**
 * Makes an image's renditions carry `source` in their XMP when they do not yet (issue #27): the
 * editor often says how an image was made after uploading it, and an AI-made image must keep that
 * trace in its files whenever it was said. Returns whether the files changed. The bytes change, so
 * their ETag does and their Last-Modified moves on; an image readers may see keeps its URL, and
 * shared caches keep the old bytes at most a minute (IMAGE_CACHE_CONTROL).
 */
export async function stampImageSource(id: number, source: ImageSourceKind): Promise<boolean> {
  const image = await db().mediaImage.findUnique({ where: { id }, select: { xmpSource: true } });
  if (!image || image.xmpSource === source) return false;
  const renditions = await db().mediaRendition.findMany({
    where: { imageId: id },
    select: { name: true, contentType: true, bytes: true },
  });
  const stamped = await stampedRenditions(
    renditions.map((rendition) => ({ ...rendition, bytes: Buffer.from(rendition.bytes) })),
    source,
  );
  // All the renditions and the image's row at once: two stamps of one image end as one of them.
  await db().$transaction([
    ...stamped.map((rendition) =>
      db().mediaRendition.update({
        where: { imageId_name: { imageId: id, name: rendition.name } },
        data: { bytes: new Uint8Array(rendition.bytes) },
      }),
    ),
    db().mediaImage.update({ where: { id }, data: { xmpSource: source, renditionsMadeAt: new Date() } }),
  ]);
  return true;
}

/**
 * After an article's save: each image it names carries the kind the save gave it (an image given
 * two kinds by one save is left as it is). Never throws: the save has committed; what could not be
 * done is said, in the writer's words for what is left after a commit.
 */
export async function stampImageSources(uses: { id: number; source: ImageSourceKind }[]): Promise<string | null> {
  const kinds = new Map<number, Set<ImageSourceKind>>();
  for (const use of uses) kinds.set(use.id, (kinds.get(use.id) ?? new Set()).add(use.source));
  const failed: number[] = [];
  for (const [id, sources] of kinds) {
    if (sources.size !== 1) continue;
    try {
      await stampImageSource(id, [...sources][0]!);
    } catch (error) {
      log.warn('image_stamp_failed', { imageId: id, message: (error as Error).message });
      failed.push(id);
    }
  }
  return failed.length > 0
    ? `画像 ${failed.join('・')} のファイルへの種類の書き込み（次に保存するときに再試行します）`
    : null;
}

/** The sizes of the images an article names, for the write path's check that each exists. */
export async function imageSizes(tx: Prisma.TransactionClient, ids: number[]): Promise<Map<number, ImageSize>> {
  if (ids.length === 0) return new Map();
  const rows = await tx.mediaImage.findMany({
    where: { id: { in: [...new Set(ids)] } },
    select: { id: true, width: true, height: true },
  });
  return new Map(rows.map((row) => [row.id, { width: row.width, height: row.height }]));
}
