import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatOf, readSubmission } from './submission-input';
import { OPENAPI_PATH, SUBMISSION_SCHEMA_PATH, submissionJsonSchemaText } from './submission-json-schema';
import { openApiDocument, openApiText } from './openapi';
import { signatureHeader } from './webhook-signature';
import { parseArticleBytes } from '../articles/text/parse';
import { verifySignature as exampleVerify } from '../../examples/desk-client';

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

describe('the OpenAPI document', () => {
  it('is up to date with the zod schemas the API validates with (run npm run schema:article)', () => {
    expect(readFileSync(OPENAPI_PATH, 'utf8')).toBe(openApiText());
  });

  it('is OpenAPI 3.1, naming every API route of the table with its scope, the schemas the API enforces, and the webhooks', () => {
    const document = openApiDocument() as {
      openapi: string;
      paths: Record<string, Record<string, { 'x-kiji-scope'?: string; responses: Record<string, unknown> }>>;
      webhooks: Record<string, unknown>;
      components: { schemas: Record<string, { properties?: Record<string, unknown>; required?: string[] }> };
    };
    expect(document.openapi).toBe('3.1.0');
    expect(Object.keys(document.paths).sort()).toEqual(
      [
        '/api/v1/articles',
        '/api/v1/articles/{slug}',
        '/api/v1/articles/{slug}/live-updates',
        '/api/v1/live-updates/{id}',
        '/api/v1/media',
        '/api/v1/openapi.json',
        '/api/v1/submissions',
        '/api/v1/submissions/{id}',
      ].sort(),
    );
    expect(document.paths['/api/v1/submissions']!.post!['x-kiji-scope']).toBe('submissions:write');
    expect(Object.keys(document.paths['/api/v1/submissions']!.post!.responses)).toEqual(
      expect.arrayContaining(['202', '400', '401', '403', '409', '413', '415', '422', '429']),
    );
    expect(document.paths['/api/v1/articles']!.get!['x-kiji-scope']).toBe('articles:read');
    // Generated from the very schema that validates: a field the API takes is in the document.
    expect(Object.keys(document.components.schemas.Submission!.properties!)).toEqual(
      expect.arrayContaining(['title', 'sections', 'generation', 'embargoUntil', 'source', 'externalId', 'leadImage']),
    );
    expect(document.components.schemas.MediaUpload!.required).toEqual(['file', 'alt', 'source']);
    expect(document.paths['/api/v1/articles/{slug}/live-updates']!.post!['x-kiji-scope']).toBe('live:write');
    // A pipeline's live update is AI-made: the document offers no human label.
    expect(document.components.schemas.LiveUpdate!.properties!.disclosure).toMatchObject({
      enum: ['ai-generated', 'ai-assisted'],
    });
    expect(Object.keys(document.webhooks)).toEqual(
      expect.arrayContaining(['article.published', 'article.corrected', 'live_update.state_changed']),
    );
  });
});

describe('the example client (examples/desk-client.ts)', () => {
  it('ships the seed article as JSON exactly as the import parser reads the seed', () => {
    const parsed = parseArticleBytes(
      readFileSync(new URL('../../prisma/seed/articles/000_860667d7943f974c.txt', import.meta.url)),
      'seed.txt',
    );
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    const shipped = JSON.parse(readFileSync(new URL('../../examples/seed-article.json', import.meta.url), 'utf8'));
    expect(shipped).toEqual(JSON.parse(JSON.stringify(parsed.article)));
    expect(readSubmission('application/json', bytes(JSON.stringify(shipped)), new URLSearchParams()).ok).toBe(true);
  });

  it('verifies the signatures Kiji sends, and refuses another secret, a changed body or a stale time', () => {
    const body = JSON.stringify({ id: 'e', type: 'article.published', data: {} });
    const header = signatureHeader('whsec_example', body);
    expect(exampleVerify(header, body, 'whsec_example')).toBe(true);
    expect(exampleVerify(header, body, 'whsec_other')).toBe(false);
    expect(exampleVerify(header, `${body} `, 'whsec_example')).toBe(false);
    const stale = signatureHeader('whsec_example', body, Math.floor(Date.now() / 1000) - 3600);
    expect(exampleVerify(stale, body, 'whsec_example')).toBe(false);
  });
});
