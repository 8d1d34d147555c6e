import { ImageResponse } from 'next/og';
import { getPublishedArticle } from '@/lib/articles/public-reads';
import { formatJapaneseDate } from '@/lib/format/dates';
import { DISCLOSURE_LABELS } from '@/lib/articles/disclosure';
import { imageFonts } from '@/lib/crawlers/og-font';
import { articleSlugParam } from '@/lib/routes/public-routes';

export const alt = 'Kiji の記事';
export const size = { width: 1200, height: 630 };
export const contentType = 'image/png';
export const revalidate = 3600;

export default async function ArticleOpenGraphImage({ params }: { params: Promise<{ slug: string }> }) {
  const slug = articleSlugParam((await params).slug);
  const article = slug ? await getPublishedArticle(slug) : null;
  const title = article?.title ?? 'Kiji（記事）';
  return new ImageResponse(
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
        fontFamily: 'Noto Sans JP',
      }}
    >
      <div style={{ display: 'flex', gap: 24, fontSize: 30, color: '#0b5cad' }}>
        <span>Kiji 記事</span>
        {article ? <span style={{ color: '#555555' }}>{article.category.name}</span> : null}
      </div>
      <div style={{ display: 'flex', fontSize: title.length > 40 ? 52 : 62, lineHeight: 1.35 }}>{title}</div>
      <div style={{ display: 'flex', justifyContent: 'space-between', fontSize: 26, color: '#555555' }}>
        <span>{article ? formatJapaneseDate(new Date(article.publishedAt)) : ''}</span>
        <span
          style={{
            border: '2px solid #a08a4a',
            borderRadius: 8,
            padding: '4px 16px',
            color: '#3d3420',
            background: '#f4f1e8',
          }}
        >
          {article
            ? `${DISCLOSURE_LABELS[article.disclosure]}・AIが公的資料と報道から制作`
            : 'AIが公的資料と報道から組み立てるニュース'}
        </span>
      </div>
    </div>,
    { ...size, fonts: await imageFonts() },
  );
}
