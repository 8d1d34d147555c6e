import { getPublishedArticle } from '@/lib/articles/public-reads';
import { formatJapaneseDate } from '@/lib/format/dates';
import { DISCLOSURE_LABELS } from '@/lib/articles/disclosure';
import { drawable, IMAGE_FONT_FAMILY, imageResponse } from '@/lib/crawlers/generated-images';
import { articleSlugParam } from '@/lib/routes/public-routes';
import { routes } from '@/lib/routes/registry';
import { phrasesOf } from '@/lib/format/phrases';

import { cropSize, type CropName } from '@/lib/media/renditions';

/** The card size social sites ask for; the shapes are the ones the structured data names. */
const SHARE_IMAGE_SIZE = { width: 1200, height: 630 };
const sizeOf = (shape: CropName | undefined) => (shape ? cropSize(shape) : SHARE_IMAGE_SIZE);

type Params = { params: Promise<{ slug: string; file: string }> };

/**
 * An article's share image, at /media/articles/<slug>/<version>.png: the version in the URL makes a
 * corrected headline a new image for every card cache, and lets this one be cached for good. An old
 * version's URL answers with a permanent redirect to the current one.
 */
export async function GET(_request: Request, { params }: Params) {
  const { slug: rawSlug, file } = await params;
  const slug = articleSlugParam(rawSlug);
  const match = /^([1-9]\d{0,8})(?:-(16x9|4x3|1x1))?\.png$/.exec(file);
  const version = match?.[1];
  const shape = match?.[2] as CropName | undefined;
  const article = slug && version ? await getPublishedArticle(slug) : null;
  if (!article) {
    return new Response('Not Found\n', {
      status: 404,
      headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'public, max-age=60' },
    });
  }
  if (Number(version) !== article.version) {
    return new Response(null, {
      status: 308,
      headers: {
        Location: routes.article.image(article.slug, article.version, shape),
        'Cache-Control': 'public, max-age=60',
      },
    });
  }
  const title = await drawable(article.title);
  const category = await drawable(article.category.name);
  return imageResponse(
    <div
      style={{
        width: '100%',
        height: '100%',
        display: 'flex',
        flexDirection: 'column',
        justifyContent: 'space-between',
        padding: 64,
        background: '#ffffff',
        color: '#1a1a1a',
        fontFamily: IMAGE_FONT_FAMILY,
      }}
    >
      <div style={{ display: 'flex', gap: 24, fontSize: 30, color: '#0b5cad' }}>
        <span>Kiji 記事</span>
        <span style={{ color: '#555555' }}>{category}</span>
      </div>
      {/* Lines break between BudouX's phrases only, so 計画運休 stays whole: each phrase is a box. */}
      <div style={{ display: 'flex', flexWrap: 'wrap', fontSize: title.length > 40 ? 52 : 62, lineHeight: 1.35 }}>
        {phrasesOf(title).map((phrase, index) => (
          <span key={index}>{phrase}</span>
        ))}
      </div>
      <div style={{ display: 'flex', justifyContent: 'space-between', fontSize: 26, color: '#555555' }}>
        <span>{formatJapaneseDate(new Date(article.publishedAt))}</span>
        <span
          style={{
            border: '2px solid #a08a4a',
            borderRadius: 8,
            padding: '4px 16px',
            color: '#3d3420',
            background: '#f4f1e8',
          }}
        >
          {`${DISCLOSURE_LABELS[article.disclosure]}・AIが公的資料と報道から制作`}
        </span>
      </div>
    </div>,
    {
      ...sizeOf(shape),
      headers: { 'Cache-Control': 'public, max-age=31536000, immutable' },
      // Drawn on request from the article and this server's code: changed when either last did.
      madeAt: new Date(Math.max(Date.parse(article.updatedAt), performance.timeOrigin)),
    },
  );
}
