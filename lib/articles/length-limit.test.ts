import { describe, expect, it } from 'vitest';
import { articleFields, articleLists, lengthLimit } from './fields';

describe('a text field’s limit, read from its schema for the form’s live count', () => {
  it('is the title’s 300, the lead’s 5,000 and a section body’s 20,000', () => {
    expect(lengthLimit(articleFields.title.schema)).toBe(300);
    expect(lengthLimit(articleFields.lead.schema)).toBe(5000);
    expect(lengthLimit(articleLists.sections.item.shape.body)).toBe(20_000);
  });

  it('is read through a default (a section image’s alt text)', () => {
    expect(lengthLimit(articleLists.sections.item.shape.imageAlt)).toBe(300);
  });

  it('is nothing for a field without one (a select)', () => {
    expect(lengthLimit(articleFields.disclosure.schema)).toBeUndefined();
  });
});
