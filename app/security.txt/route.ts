import { absoluteUrl } from '@/lib/crawlers/seo';
import { securityTxt } from '@/lib/crawlers/security-txt';
import { config } from '@/lib/platform/config';

// The contact is read at run time, from the operator's configuration, not at build.
export const dynamic = 'force-dynamic';

/** Served at /.well-known/security.txt (a rewrite in next.config.ts: App Router skips dot folders). */
export function GET() {
  const text = securityTxt(config().KIJI_SECURITY_CONTACT, absoluteUrl('/.well-known/security.txt'));
  if (!text)
    return new Response('Not Found\n', { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
  return new Response(text, {
    headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'public, max-age=3600' },
  });
}
