import { writeFileSync } from 'node:fs';
import { articleJsonSchemaText, ARTICLE_SCHEMA_PATH } from '../lib/article-text/json-schema';

// `npm run schema:article`: regenerate docs/article.schema.json from the zod schema.
writeFileSync(ARTICLE_SCHEMA_PATH, articleJsonSchemaText());
console.log(`wrote ${ARTICLE_SCHEMA_PATH}`);
