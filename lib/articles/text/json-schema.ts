import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { articleDocumentSchema } from './document';

/** The JSON form of an article that `npm run import` and the admin accept, published for producers. */
export const ARTICLE_SCHEMA_PATH = fileURLToPath(new URL('../../../docs/article.schema.json', import.meta.url));

export function articleJsonSchemaText(): string {
  const schema = z.toJSONSchema(articleDocumentSchema, { io: 'input' });
  return `${JSON.stringify({ ...schema, title: 'Kiji article', $id: 'https://kiji.example/schemas/article.schema.json' }, null, 2)}\n`;
}
