import { BASE_HEADER_VALUES } from './security-headers';

/**
 * The page readers and editors get while the database is down: a real 503 with Retry-After, so
 * crawlers come back later instead of dropping the page, and no cache keeps it. Built as a plain
 * string because nothing that needs the database may take part in it.
 */
export const RETRY_AFTER_SECONDS = 30;

const TEXT = {
  public: {
    title: 'ただいまこのページを表示できません',
    body: 'データベースに接続できないため、このページを表示できません。しばらくしてから再読み込みしてください。キャッシュに残っているページは引き続きお読みいただけます。',
  },
  admin: {
    title: 'データベースに接続できません',
    body: '編集部の画面はデータベースに接続できないため、現在使えません。保存されていない変更は失われていません。接続が戻りしだい、再読み込みすると使えるようになります。',
  },
} as const;

export type ServiceUnavailablePage = { html: string; headers: Record<string, string> };

export function serviceUnavailablePage(audience: keyof typeof TEXT): ServiceUnavailablePage {
  const { title, body } = TEXT[audience];
  const html = `<!doctype html>
<html lang="ja">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${title} — Kiji</title>
<style>body{font-family:system-ui,"Hiragino Sans","Noto Sans JP",sans-serif;max-width:36rem;margin:3rem auto;padding:0 1rem;line-height:1.8;color:#1a1a1a}a{color:#0b4f8a}p.note{font-size:.875rem;color:#555}</style>
</head>
<body>
<main>
<h1>${title}</h1>
<p>${body}</p>
<p><a href="/">Kiji トップへ</a></p>
<p class="note">Kiji の記事は AI が公開資料と報道をもとに作成しています。</p>
</main>
</body>
</html>`;
  const headers: Record<string, string> = {
    ...BASE_HEADER_VALUES,
    'Content-Type': 'text/html; charset=utf-8',
    'Retry-After': String(RETRY_AFTER_SECONDS),
    'Cache-Control': 'no-store',
    'Content-Security-Policy':
      "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
  };
  return { html, headers };
}

export function serviceUnavailableResponse(audience: keyof typeof TEXT): Response {
  const { html, headers } = serviceUnavailablePage(audience);
  return new Response(html, { status: 503, headers });
}
