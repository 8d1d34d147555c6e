/** Escapes text for XML and HTML content and attribute values. */
export function escapeXml(text: string): string {
  return text
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '') // not allowed in XML 1.0
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/**
 * A feed or sitemap. `Last-Modified` is when it was made: Next keeps the response with its headers
 * until it is revalidated or a write expires it, so the time names these bytes, as a cached page's
 * does (lib/server/cached-document.ts); Kiji's server answers If-Modified-Since with it
 * (lib/server/steps/held-response.ts).
 */
export function xmlResponse(body: string, contentType = 'application/xml', madeAt = new Date()): Response {
  return new Response(body, {
    headers: { 'content-type': `${contentType}; charset=utf-8`, 'last-modified': madeAt.toUTCString() },
  });
}
