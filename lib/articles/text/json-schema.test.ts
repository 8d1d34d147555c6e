import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ARTICLE_SCHEMA_PATH, articleJsonSchemaText } from './json-schema';

describe('the published article JSON schema', () => {
  it('is up to date with the schema the importer enforces (run npm run schema:article)', () => {
    expect(readFileSync(ARTICLE_SCHEMA_PATH, 'utf8')).toBe(articleJsonSchemaText());
  });

  it('requires a title, a lead and at least one section', () => {
    const schema = JSON.parse(articleJsonSchemaText());
    expect(schema.required).toEqual(expect.arrayContaining(['title', 'lead', 'sections']));
    expect(schema.properties.sections.minItems).toBe(1);
  });
});
