import { absoluteUrl } from '@/lib/crawlers/seo';
import { trustTxt } from '@/lib/crawlers/trust-txt';
import { config } from '@/lib/platform/config';
import { routes } from '@/lib/routes/registry';

// The publisher's accounts and associations are read at run time, from its configuration.
export const dynamic = 'force-dynamic';

/** Served at /trust.txt, and at /.well-known/trust.txt by a rewrite (App Router skips dot folders). */
export function GET() {
  const { SITE_NAME, KIJI_PUBLISHER_SOCIAL, KIJI_PUBLISHER_BELONGTO } = config();
  const text = trustTxt({
    siteName: SITE_NAME,
    contactPage: absoluteUrl(routes.contact.href()),
    social: KIJI_PUBLISHER_SOCIAL,
    belongto: KIJI_PUBLISHER_BELONGTO,
  });
  return new Response(text, {
    headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'public, max-age=3600' },
  });
}
