import { absoluteUrl } from '@/lib/crawlers/seo';
import { securityTxt } from '@/lib/crawlers/security-txt';
import { config } from '@/lib/platform/config';
import { routes } from '@/lib/routes/registry';

// The contact is read at run time, from the operator's configuration, not at build.
export const dynamic = 'force-dynamic';

/** Served at /.well-known/security.txt (a rewrite in next.config.ts: App Router skips dot folders). */
export function GET() {
  const text = securityTxt({
    contact: config().KIJI_SECURITY_CONTACT,
    contactPage: absoluteUrl(routes.contact.href()),
    canonical: absoluteUrl('/.well-known/security.txt'),
  });
  return new Response(text, {
    headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'public, max-age=3600' },
  });
}
