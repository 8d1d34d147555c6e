import { areaOf } from './registry';
import { ISLAND_ATTRIBUTE } from '../platform/live-island';
import { ISLAND_CSP, SCRIPT_FREE_CSP } from '../platform/security-headers';

/**
 * Public pages are documents: they hold no client component, so the scripts Next adds to them
 * (its App Router runtime, React, and the RSC payload written as inline scripts) only serve
 * client-side navigation. Kiji's server (scripts/serve.ts) takes them out of every public HTML
 * response, which lets public pages carry a Content-Security-Policy that allows no script at all,
 * and sends readers 0 KB of JavaScript. Structured data (`application/ld+json`) is data, not
 * script, and stays. See docs/decisions/0009-script-free-public-pages.md.
 */

// React's streamed Suspense boundaries need its inline scripts to move their content into place.
const STREAMED_BOUNDARY = /<template id="B:|<div hidden id="S:/;
// The live page's island (lib/platform/live-island.ts) stays too: its CSP allows it by its hash alone.
const EXECUTABLE_SCRIPT =
  /<script\b(?![^>]*\btype="application\/ld\+json")(?![^>]*\bdata-kiji-island=)[^>]*>[\s\S]*?<\/script>/gi;
const SCRIPT_PRELOAD = /<link\b(?=[^>]*\bas="script")[^>]*>|<link\b(?=[^>]*\brel="modulepreload")[^>]*>/gi;

/** The document without its scripts, or null when it cannot do without them. */
export function withoutScripts(html: string): string | null {
  if (STREAMED_BOUNDARY.test(html)) return null;
  return html.replace(EXECUTABLE_SCRIPT, '').replace(SCRIPT_PRELOAD, '');
}

/** The policy a script-free document is sent with: no script, or the live island's alone. */
export function scriptFreeCsp(document: string): string {
  return document.includes(`<script ${ISLAND_ATTRIBUTE}=`) ? ISLAND_CSP : SCRIPT_FREE_CSP;
}

/** Which requests get script-free documents: public pages, never the admin, the API or Next's assets. */
export function isPublicDocumentRequest(
  method: string | undefined,
  url: string | undefined,
  headers: Record<string, string | string[] | undefined>,
): boolean {
  if (method !== 'GET') return false;
  if (areaOf((url ?? '/').split('?')[0]!) !== 'public') return false;
  // Next's own client-navigation requests ask for the RSC payload, not HTML.
  return headers.rsc === undefined && headers['next-router-prefetch'] === undefined;
}
