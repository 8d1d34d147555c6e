import { ImageResponse } from 'next/og';
import { imageFonts } from '@/lib/crawlers/og-font';

// The publisher logo that structured data points at (600×60, as news publishers' logos are).
export const dynamic = 'force-static';

export async function GET() {
  return new ImageResponse(
    <div
      style={{
        width: '100%',
        height: '100%',
        display: 'flex',
        alignItems: 'center',
        gap: 16,
        background: '#ffffff',
        color: '#1a1a1a',
        fontFamily: 'Noto Sans JP',
        fontSize: 40,
        paddingLeft: 8,
      }}
    >
      <span>Kiji</span>
      <span style={{ fontSize: 30, color: '#555555' }}>記事</span>
    </div>,
    { width: 600, height: 60, fonts: await imageFonts() },
  );
}
