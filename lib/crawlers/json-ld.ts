/**
 * JSON for a <script type="application/ld+json"> block. Article text must never close the script
 * or open a comment, so <, > and & become Unicode escapes (still valid JSON), as do the line
 * separators some parsers choke on.
 */
export function serializeJsonLd(data: unknown): string {
  return JSON.stringify(data)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}
