import { describe, expect, it } from 'vitest';
import { isPublicDocumentRequest, withoutScripts } from './script-free-document';

const page = `<!DOCTYPE html><html lang="ja"><head><meta charSet="utf-8"/>
<link rel="stylesheet" href="/_next/static/chunks/app.css" data-precedence="next"/>
<link rel="preload" as="script" fetchPriority="low" href="/_next/static/chunks/webpack.js" integrity="sha256-x"/>
<link rel="modulepreload" href="/_next/static/chunks/main.js"/>
<script src="/_next/static/chunks/main-app.js" async="" integrity="sha256-y"></script>
<script src="/_next/static/chunks/polyfills.js" noModule=""></script>
<title>記事</title></head><body><article><h1>見出し</h1><p>本文 &lt;script&gt; は文字。</p></article>
<script type="application/ld+json">{"@type":"NewsArticle","headline":"見出し \\u003c/script>"}</script>
<script>(self.__next_f=self.__next_f||[]).push([0])</script><script>self.__next_f.push([1,"0:[\\"$\\",\\"\\u003c/script\\u003e\\"]"])</script>
</body></html>`;

describe('script-free public documents', () => {
  it('removes every executable script and script preload, and keeps content, styles and structured data', () => {
    const result = withoutScripts(page)!;
    expect(result).not.toMatch(/<script(?![^>]*application\/ld\+json)/i);
    expect(result).not.toContain('as="script"');
    expect(result).not.toContain('modulepreload');
    expect(result).toContain('<link rel="stylesheet" href="/_next/static/chunks/app.css"');
    expect(result).toContain('<script type="application/ld+json">{"@type":"NewsArticle"');
    expect(result).toContain('<p>本文 &lt;script&gt; は文字。</p>');
    expect(result).toContain('<title>記事</title>');
  });

  it('leaves a streamed page alone, because its content waits for React to move it into place', () => {
    expect(withoutScripts('<div hidden id="S:0"><p>later</p></div><script>$RC("B:0","S:0")</script>')).toBeNull();
  });

  it('applies to public pages only, never to the admin, the API, Next assets or RSC requests', () => {
    expect(isPublicDocumentRequest('GET', '/articles/a?x=1', {})).toBe(true);
    expect(isPublicDocumentRequest('GET', '/', {})).toBe(true);
    expect(isPublicDocumentRequest('HEAD', '/', {})).toBe(false);
    expect(isPublicDocumentRequest('POST', '/articles/a', {})).toBe(false);
    expect(isPublicDocumentRequest('GET', '/admin', {})).toBe(false);
    expect(isPublicDocumentRequest('GET', '/admin/articles/1', {})).toBe(false);
    expect(isPublicDocumentRequest('GET', '/api/auth/session', {})).toBe(false);
    expect(isPublicDocumentRequest('GET', '/_next/static/chunks/a.js', {})).toBe(false);
    expect(isPublicDocumentRequest('GET', '/articles/a', { rsc: '1' })).toBe(false);
  });
});
