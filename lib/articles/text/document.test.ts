import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { articleFieldEntries, lengthLimit } from '../fields';
import { articleDocumentSchema } from './document';

const minimal = { title: '見出し', lead: 'リード。', sections: [{ heading: '節', paragraphs: ['本文。'] }] };

describe('the JSON document derived from the article’s declaration', () => {
  it('has a key for every field bound to the document, at the level its binding names', () => {
    const top = Object.keys(articleDocumentSchema.shape);
    const generation = Object.keys(articleDocumentSchema.shape.generation.unwrap().shape);
    for (const [name, declaration] of articleFieldEntries) {
      const binding = declaration.document;
      if (!binding) continue;
      expect(binding.in === 'generation' ? generation : top, name).toContain(binding.key);
    }
    expect(top).toEqual(expect.arrayContaining(['sections', 'sources', 'generation']));
  });

  it('holds each bound text value to the field’s own length limit, the same as the editor’s form', () => {
    for (const [name, declaration] of articleFieldEntries) {
      const binding = declaration.document;
      if (!binding || typeof binding.value !== 'string') continue;
      const limit = lengthLimit(declaration.schema)!;
      const at = (text: string) =>
        binding.in ? { ...minimal, generation: { [binding.key]: text } } : { ...minimal, [binding.key]: text };
      expect(articleDocumentSchema.safeParse(at('あ'.repeat(limit))).success, `${name} at ${limit}`).toBe(true);
      expect(articleDocumentSchema.safeParse(at('あ'.repeat(limit + 1))).success, `${name} past ${limit}`).toBe(false);
    }
  });

  it('requires only the title, the lead and a section', () => {
    expect(articleDocumentSchema.safeParse(minimal).success).toBe(true);
    const issues = articleDocumentSchema.safeParse({}).error!.issues.map((issue) => issue.path.join('.'));
    expect(issues.sort()).toEqual(['lead', 'sections', 'title']);
    expect(z.toJSONSchema(articleDocumentSchema, { io: 'input' }).required?.sort()).toEqual([
      'lead',
      'sections',
      'title',
    ]);
  });
});
