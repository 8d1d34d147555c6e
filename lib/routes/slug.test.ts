import { describe, expect, it } from 'vitest';
import { editorSlugSchema } from '../articles/input';
import { parsePublicRoute } from './public-routes';
import { articleDocumentSchema } from '../articles/text/document';
import { articleSlugSchema } from './slug';

const CANDIDATES = [
  'ceasefire-talks',
  '2025-10-18-0a1b2c3d4e',
  'a',
  'UPPER-case',
  'double--hyphen',
  '-leading',
  'trailing-',
  'スラッグ',
  'with space',
  'x'.repeat(101),
  'about',
  'admin',
];

describe('the one slug rule', () => {
  it('accepts lower-case words joined by single hyphens, up to 100 characters, except the site’s own words', () => {
    const accepted = CANDIDATES.filter((slug) => articleSlugSchema.safeParse(slug).success);
    expect(accepted).toEqual(['ceasefire-talks', '2025-10-18-0a1b2c3d4e', 'a']);
  });

  it('is the rule of the editor, of an imported JSON document, and of the public article route', () => {
    for (const slug of CANDIDATES) {
      const ruled = articleSlugSchema.safeParse(slug).success;
      expect(editorSlugSchema.safeParse(slug).success, `editor: ${slug}`).toBe(ruled);
      const document = { title: 't', lead: 'l', sections: [{ heading: 'h', paragraphs: ['p'] }], slug };
      // A document may name a reserved word; the writer then refuses it with the editor's message.
      if (ruled) expect(articleDocumentSchema.safeParse(document).success, `document: ${slug}`).toBe(true);
      if (ruled)
        expect(parsePublicRoute(`/articles/${slug}`, new URLSearchParams()), `route: ${slug}`).toMatchObject({
          kind: 'article',
          slug,
        });
      if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(slug) || slug.length > 100) {
        expect(articleDocumentSchema.safeParse(document).success, `document: ${slug}`).toBe(false);
      }
    }
  });
});
