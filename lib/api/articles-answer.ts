import 'server-only';
import { etagOf, notModified } from './articles-read';
import { problemDocument, problemResponse, type ProblemDocument } from './problem';

/**
 * How the read API answers (docs/decisions/0034): JSON with a strong ETag of its body, 304 to
 * If-None-Match naming it, and CORS for GET: any origin may read published articles (a browser
 * that sends a key needs a preflight, which Kiji does not grant: keys belong on servers).
 */
export const READ_CORS_HEADERS = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Expose-Headers': 'ETag',
};

export function readAnswer(request: Request, value: unknown): Response {
  const body = JSON.stringify(value);
  const etag = etagOf(body);
  const headers = {
    ...READ_CORS_HEADERS,
    ETag: etag,
    // Stored by no shared cache (a key may have been needed), revalidated by its ETag every time.
    'Cache-Control': 'private, no-cache',
    Vary: 'Authorization',
  };
  if (notModified(request.headers.get('if-none-match'), etag)) return new Response(null, { status: 304, headers });
  return new Response(body, {
    status: 200,
    headers: { ...headers, 'Content-Type': 'application/json; charset=utf-8' },
  });
}

export function readProblem(document: ProblemDocument): Response {
  return problemResponse(document, READ_CORS_HEADERS);
}

export const articleNotFound = () =>
  readProblem(
    problemDocument(404, 'not-found', {
      ja: 'この記事は公開されていません（または、ありません）',
      en: 'There is no published article at this address',
    }),
  );
