import { readAnswer } from '@/lib/api/articles-answer';
import { openApiDocument } from '@/lib/api/openapi';

/** The API's OpenAPI 3.1 document, generated from the zod schemas that validate (docs/decisions/0034). */
const document = openApiDocument();

export async function GET(request: Request): Promise<Response> {
  return readAnswer(request, document);
}
