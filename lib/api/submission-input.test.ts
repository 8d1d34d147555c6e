import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatOf, readSubmission } from './submission-input';
import { SUBMISSION_SCHEMA_PATH, submissionJsonSchemaText } from './submission-json-schema';

const bytes = (text: string) => new TextEncoder().encode(text);

describe('reading a submission', () => {
  it('takes JSON, plain text and Markdown in UTF-8, and nothing else', () => {
    expect(formatOf('application/json')).toBe('json');
    expect(formatOf('application/json; charset=UTF-8')).toBe('json');
    expect(formatOf('text/plain; charset=utf-8')).toBe('text');
    expect(formatOf('text/markdown')).toBe('markdown');
    expect(formatOf('text/plain; charset=shift_jis')).toBeNull();
    expect(formatOf('multipart/form-data')).toBeNull();
    expect(formatOf(null)).toBeNull();
  });

  it('names a missing generation version and an unknown key by their JSON pointers', () => {
    const read = readSubmission(
      'application/json',
      bytes(
        JSON.stringify({
          title: 't',
          lead: 'l',
          sections: [{ heading: 'h', paragraphs: ['p'] }],
          generation: { model: 'm', provider: 'p' },
          colour: 'blue',
        }),
      ),
      new URLSearchParams(),
    );
    expect(read.ok).toBe(false);
    if (read.ok) return;
    expect(read.problem.status).toBe(422);
    expect(read.problem.errors!.map((error) => error.pointer)).toEqual(
      expect.arrayContaining(['/generation', '/colour']),
    );
  });
});

describe('the published submission JSON schema', () => {
  it('is up to date with the schema the API enforces (run npm run schema:article)', () => {
    expect(readFileSync(SUBMISSION_SCHEMA_PATH, 'utf8')).toBe(submissionJsonSchemaText());
  });
});
