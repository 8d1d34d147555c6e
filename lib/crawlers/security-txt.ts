/**
 * `/.well-known/security.txt` (RFC 9116): where to report a vulnerability. The contact is the
 * operator's (KIJI_SECURITY_CONTACT); without one there is no file, rather than a made-up address.
 * Expires is a year ahead of the day it is served, so the file never goes stale on a running site.
 */
export function securityTxt(contact: string | undefined, canonical: string, now = new Date()): string | null {
  if (!contact) return null;
  const day = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const expires = new Date(day + 365 * 86_400_000).toISOString().replace('.000Z', 'Z');
  return [
    `Contact: ${contact}`,
    `Expires: ${expires}`,
    'Preferred-Languages: ja, en',
    `Canonical: ${canonical}`,
    '',
  ].join('\n');
}
