import { writeFileSync } from 'node:fs';
import { articleJsonSchemaText, ARTICLE_SCHEMA_PATH } from '../lib/articles/text/json-schema';
import { OPENAPI_PATH, submissionJsonSchemaText, SUBMISSION_SCHEMA_PATH } from '../lib/api/submission-json-schema';
import { openApiText } from '../lib/api/openapi';
import { parseCommandLine } from './lib/cli';

parseCommandLine({
  name: 'schema:article',
  usage: '',
  description:
    'Regenerates docs/article.schema.json, the published JSON form of an article, docs/submission.schema.json, what the API takes, and docs/openapi.json, the API’s OpenAPI 3.1 document (docs/api.md), from their zod schemas.',
  options: {},
});
writeFileSync(ARTICLE_SCHEMA_PATH, articleJsonSchemaText());
console.log(`wrote ${ARTICLE_SCHEMA_PATH}`);
writeFileSync(SUBMISSION_SCHEMA_PATH, submissionJsonSchemaText());
console.log(`wrote ${SUBMISSION_SCHEMA_PATH}`);
writeFileSync(OPENAPI_PATH, openApiText());
console.log(`wrote ${OPENAPI_PATH}`);
