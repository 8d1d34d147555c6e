/**
 * trust.txt (JournalList, journallist.net): the publisher's declared relationships, one
 * `variable=value` a line, served at /.well-known/trust.txt and /trust.txt. Written from the
 * publisher's configuration, as its structured data is (lib/crawlers/seo.ts `organization`): its
 * accounts elsewhere (social=), the associations it belongs to (belongto=), and how to reach it
 * (contact=, the contact page).
 */
export function trustTxt({
  siteName,
  contactPage,
  social,
  belongto,
}: {
  siteName: string;
  contactPage: string;
  social: string[];
  belongto: string[];
}): string {
  const line = (variable: string) => (value: string) => `${variable}=${value}`;
  return [
    `# trust.txt for ${siteName.replace(/[\r\n]+/g, ' ')} (https://journallist.net/reference-document-for-trust-txt-specifications)`,
    ...belongto.map(line('belongto')),
    ...social.map(line('social')),
    line('contact')(contactPage),
    '',
  ].join('\n');
}
