import { createHash } from 'node:crypto';

/**
 * The fingerprint of what a claim check read: the lead, each section's text and citations, and the
 * source URLs. A stored check counts for readers only while the article still has this fingerprint,
 * so an edit the checker has not seen yet never shows an old count.
 */
export function claimsFingerprint(article: {
  lead: string;
  sections: { body: string; cites: number[] }[];
  sources: { url: string }[];
}): string {
  return createHash('sha256')
    .update(
      JSON.stringify([
        article.lead,
        article.sections.map((section) => [section.body, section.cites]),
        article.sources.map((source) => source.url),
      ]),
    )
    .digest('hex')
    .slice(0, 32);
}
