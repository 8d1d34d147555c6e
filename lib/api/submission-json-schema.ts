import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { submissionDocumentSchema } from './submission-input';

/**
 * The JSON form of a submission, published for pipelines beside docs/article.schema.json
 * (`npm run schema:article` writes both). Kept out of submission-input.ts, which the app bundles.
 */
/** The API's OpenAPI document (lib/api/openapi.ts), published beside them. */
export const OPENAPI_PATH = fileURLToPath(new URL('../../docs/openapi.json', import.meta.url));

export const SUBMISSION_SCHEMA_PATH = fileURLToPath(new URL('../../docs/submission.schema.json', import.meta.url));

export function submissionJsonSchemaText(): string {
  const schema = z.toJSONSchema(submissionDocumentSchema, { io: 'input', unrepresentable: 'any' });
  return `${JSON.stringify({ ...schema, title: 'Kiji submission', $id: 'https://kiji.example/schemas/submission.schema.json' }, null, 2)}\n`;
}
