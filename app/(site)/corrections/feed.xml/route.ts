import { listSiteCorrections } from '@/lib/articles/corrections';
import { config, siteUrl } from '@/lib/platform/config';
import { escapeXml, xmlResponse } from '@/lib/crawlers/xml';

export const revalidate = 3600;

export async function GET() {
  const SITE_URL = siteUrl();
  const { SITE_NAME } = config();
  const corrections = await listSiteCorrections(50);
  const items = corrections
    .map((correction) => {
      const url = `${SITE_URL}/articles/${correction.slug}`;
      return `
    <item>
      <title>${escapeXml(`訂正：${correction.title}`)}</title>
      <link>${escapeXml(url)}</link>
      <guid isPermaLink="false">${escapeXml(`${url}#correction-${correction.correctedAt}`)}</guid>
      <pubDate>${new Date(correction.correctedAt).toUTCString()}</pubDate>
      <description>${escapeXml(`誤り：${correction.whatWasWrong}／訂正：${correction.whatChanged}`)}</description>
    </item>`;
    })
    .join('');
  return xmlResponse(
    `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom">
  <channel>
    <title>${escapeXml(`${SITE_NAME} 訂正一覧`)}</title>
    <link>${escapeXml(`${SITE_URL}/corrections`)}</link>
    <description>公開後に訂正した記事と、その内容</description>
    <language>ja</language>
    <atom:link href="${escapeXml(`${SITE_URL}/corrections/feed.xml`)}" rel="self" type="application/rss+xml"/>${items}
  </channel>
</rss>
`,
    'application/rss+xml',
  );
}
