import 'server-only';
import type { Prisma } from '../generated/prisma/client';
import type { ImageAudience } from '../media/images';
import { db } from '../platform/db';
import { publicArticleWhere, publicLiveUpdateWhere } from './public';

/**
 * An uploaded image as readers may see it (decision 0024): only while a public article uses it, in
 * the one definition of public (lib/articles/public.ts); here rather than in lib/media, which sits
 * below the article and does not know what public means.
 */
/** The Prisma filter of an image readers may see, in the one definition of public. */
function usedByPublicArticle(now: Date): Prisma.MediaImageWhereInput {
  const isPublic = publicArticleWhere(now);
  return {
    OR: [
      { leadOf: { some: isPublic } },
      { sections: { some: { article: isPublic } } },
      // A live page's update shows it while the update stands and is not held for review (docs/decisions/0040).
      { liveUpdates: { some: { ...publicLiveUpdateWhere, article: isPublic } } },
    ],
  };
}

/** One rendition's bytes, for the media route, if `audience` may see it. */
export async function readRendition(
  id: number,
  name: string,
  audience: ImageAudience,
): Promise<{ contentType: string; bytes: Buffer } | null> {
  const row = await db().mediaRendition.findFirst({
    where: { imageId: id, name, ...(audience === 'reader' ? { image: usedByPublicArticle(new Date()) } : {}) },
    select: { contentType: true, bytes: true },
  });
  return row ? { contentType: row.contentType, bytes: Buffer.from(row.bytes) } : null;
}
