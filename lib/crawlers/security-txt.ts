/**
 * `/.well-known/security.txt` (RFC 9116): where to report a vulnerability. The operator's contact
 * (KIJI_SECURITY_CONTACT) when one is configured; otherwise the site's own contact form, which
 * the editors read, so every Kiji site has the file from its first start. Expires rolls: it is
 * 180 days ahead of the day the file is served (RFC 9116 asks for less than a year), so the file
 * never goes stale on a running site.
 */
const EXPIRES_AFTER_DAYS = 180;

export function securityTxt(
  { contact, contactPage, canonical }: { contact: string | undefined; contactPage: string; canonical: string },
  now = new Date(),
): string {
  const day = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const expires = new Date(day + EXPIRES_AFTER_DAYS * 86_400_000).toISOString().replace('.000Z', 'Z');
  return [
    `Contact: ${contact ?? contactPage}`,
    `Expires: ${expires}`,
    'Preferred-Languages: ja, en',
    `Canonical: ${canonical}`,
    '',
  ].join('\n');
}
