/**
 * RFC 9457 problem documents for the API (docs/decisions/0030): every refusal names each problem,
 * with a JSON pointer into the request body (or the `line` of a plain-text or Markdown article),
 * in Japanese (`detail`) and English (`detailEn`).
 */

export type ProblemItem = { pointer?: string; parameter?: string; line?: number; detail: string; detailEn: string };

export type ProblemDocument = {
  type: string;
  title: string;
  status: number;
  detail: string;
  detailEn: string;
  errors?: ProblemItem[];
  [extension: string]: unknown;
};

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
};

export const PROBLEM_TYPE_BASE = '/api/v1/problems/';

export function problemDocument(
  status: number,
  type: string,
  detail: { ja: string; en: string },
  extra: { errors?: ProblemItem[]; [extension: string]: unknown } = {},
): ProblemDocument {
  return {
    type: `${PROBLEM_TYPE_BASE}${type}`,
    title: TITLES[status] ?? 'Error',
    status,
    detail: detail.ja,
    detailEn: detail.en,
    ...extra,
  };
}

export function problemResponse(document: ProblemDocument, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(document), {
    status: document.status,
    headers: {
      'Content-Type': 'application/problem+json; charset=utf-8',
      'Cache-Control': 'no-store',
      ...headers,
    },
  });
}

/** A JSON pointer (RFC 6901) from a zod issue's path. */
export function pointerOf(path: readonly PropertyKey[]): string {
  return path.map((part) => `/${String(part).replaceAll('~', '~0').replaceAll('/', '~1')}`).join('');
}
