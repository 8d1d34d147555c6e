import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import { contentKind, type ContentKind } from './content-kind';

/**
 * The readable text of a fetched source: the article of an HTML page (Mozilla's Readability on
 * linkedom, the page's own text when Readability finds no article), every page of a PDF (pdf.js),
 * or plain text as it is. Blocks become lines, so the checker can quote a sentence.
 */

/** The charset a response declares, in its header or (for HTML) in its first bytes; UTF-8 otherwise. */
export function declaredCharset(contentType: string | null, body: Uint8Array, kind: ContentKind): string {
  const fromHeader = /charset\s*=\s*"?([\w.:-]+)/i.exec(contentType ?? '')?.[1];
  if (fromHeader) return fromHeader;
  if (kind === 'html') {
    const head = Buffer.from(body.subarray(0, 2048)).toString('latin1');
    const fromMeta = /<meta[^>]+charset\s*=\s*["']?([\w.:-]+)/i.exec(head)?.[1];
    if (fromMeta) return fromMeta;
  }
  return 'utf-8';
}

function decode(body: Uint8Array, charset: string): string {
  try {
    return new TextDecoder(charset).decode(body);
  } catch {
    return new TextDecoder('utf-8').decode(body);
  }
}

const BLOCKS =
  'p, h1, h2, h3, h4, h5, h6, li, tr, td, th, dd, dt, blockquote, pre, figcaption, br, div, section, article';

/** Text of an element with a line after each block, spaces collapsed within lines. */
function blockText(root: {
  querySelectorAll(selector: string): ArrayLike<{ after(text: string): void }>;
  textContent: string | null;
}): string {
  for (const element of Array.from(root.querySelectorAll(BLOCKS))) element.after('\n');
  return tidy(root.textContent ?? '');
}

export function tidy(text: string): string {
  return text
    .split('\n')
    .map((line) => line.replace(/[\s\u00a0]+/g, ' ').trim())
    .filter(Boolean)
    .join('\n');
}

/** The page without what is never the article: scripts, styles, navigation, headers, footers, asides. */
function cleanDocument(html: string) {
  const { document } = parseHTML(html);
  for (const element of Array.from(
    document.querySelectorAll('script, style, noscript, template, nav, header, footer, aside, form'),
  ))
    element.remove();
  return document;
}

export function htmlText(html: string): string {
  // Readability changes the document it reads; it reads its own copy.
  const article = new Readability(cleanDocument(html) as unknown as Document).parse();
  if (article?.content) {
    const text = blockText(parseHTML(`<html><body>${article.content}</body></html>`).document.body);
    if (text.length > 0) return text;
  }
  const document = cleanDocument(html);
  return blockText(document.body ?? document.documentElement);
}

const require = createRequire(import.meta.url);

export async function pdfText(data: Uint8Array): Promise<string> {
  // Kept out of the bundler's reach: pdf.js is loaded from node_modules when a PDF arrives.
  const specifier = 'pdfjs-dist/legacy/build/pdf.mjs';
  const pdfjs = (await import(
    /* webpackIgnore: true */ /* turbopackIgnore: true */ specifier
  )) as typeof import('pdfjs-dist/legacy/build/pdf.mjs');
  const root = path.dirname(require.resolve('pdfjs-dist/package.json'));
  const document = await pdfjs.getDocument({
    data: new Uint8Array(data),
    cMapUrl: pathToFileURL(path.join(root, 'cmaps') + path.sep).href,
    cMapPacked: true,
    standardFontDataUrl: pathToFileURL(path.join(root, 'standard_fonts') + path.sep).href,
    isEvalSupported: false,
    useSystemFonts: false,
    disableFontFace: true,
    verbosity: 0,
  }).promise;
  try {
    const pages: string[] = [];
    for (let number = 1; number <= document.numPages; number += 1) {
      const page = await document.getPage(number);
      const content = await page.getTextContent();
      pages.push(content.items.map((item) => ('str' in item ? item.str + (item.hasEOL ? '\n' : '') : '')).join(''));
      page.cleanup();
    }
    return tidy(pages.join('\n'));
  } finally {
    await document.destroy();
  }
}

export async function extractText(body: Uint8Array, contentType: string | null): Promise<string | null> {
  const kind = contentKind(contentType);
  if (!kind) return null;
  if (kind === 'pdf') return pdfText(body);
  const text = decode(body, declaredCharset(contentType, body, kind));
  return kind === 'html' ? htmlText(text) : tidy(text);
}
