import { writeFileSync } from 'node:fs';
import { articleJsonSchemaText, ARTICLE_SCHEMA_PATH } from '../lib/articles/text/json-schema';
import { parseCommandLine } from './lib/cli';

parseCommandLine({
  name: 'schema:article',
  usage: '',
  description: 'Regenerates docs/article.schema.json, the published JSON form of an article, from its zod schema.',
  options: {},
});
writeFileSync(ARTICLE_SCHEMA_PATH, articleJsonSchemaText());
console.log(`wrote ${ARTICLE_SCHEMA_PATH}`);
