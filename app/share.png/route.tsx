import { IMAGE_FONT_FAMILY, imageResponse } from '@/lib/crawlers/generated-images';
import { sourcesPromise } from '@/lib/articles/sources-rule';

// The site's own share image (1200×630), for pages that have none of their own: the home page.
export const dynamic = 'force-static';

export async function GET() {
  return imageResponse(
    <div
      style={{
        width: '100%',
        height: '100%',
        display: 'flex',
        flexDirection: 'column',
        justifyContent: 'center',
        gap: 32,
        padding: 80,
        background: '#ffffff',
        color: '#1a1a1a',
        fontFamily: IMAGE_FONT_FAMILY,
      }}
    >
      <div style={{ display: 'flex', alignItems: 'baseline', gap: 24, fontSize: 96 }}>
        <span>Kiji</span>
        <span style={{ fontSize: 64, color: '#555555' }}>記事</span>
      </div>
      <div style={{ display: 'flex', fontSize: 44, color: '#0b5cad' }}>AIが公的資料と報道から組み立てるニュース</div>
      <div style={{ display: 'flex', fontSize: 30, color: '#555555' }}>{sourcesPromise('short')}</div>
    </div>,
    { width: 1200, height: 630 },
  );
}
