import 'server-only';
import { z } from 'zod';
import { bodyLimitOf } from '../routes/registry';
import { BodyTooLargeError, readBodyWithin } from '../platform/request-body';
import { auth, GENERIC_LOGIN_FAILURE } from './auth';

/**
 * The only Better Auth endpoints reachable over HTTP, each with the body Kiji's own forms would
 * send. Everything else Better Auth and its plugins define (update-user, change-email, the admin
 * plugin's user management, sessions listing…) answers 404: Kiji's editors act through Kiji's own
 * forms, which validate, authorize and audit, and call Better Auth on the server.
 */
const email = z.string().trim().toLowerCase().email().max(320);
const password = z.string().min(1).max(128);

export const AUTH_ENDPOINTS: Record<string, { method: 'GET' | 'POST'; body: z.ZodType | null }> = {
  '/sign-in/email': {
    method: 'POST',
    body: z.strictObject({ email, password, rememberMe: z.boolean().optional() }),
  },
  '/sign-out': { method: 'POST', body: z.strictObject({}).optional() },
  '/two-factor/verify-totp': { method: 'POST', body: z.strictObject({ code: z.string().regex(/^\d{6}$/) }) },
  '/two-factor/verify-backup-code': {
    method: 'POST',
    body: z.strictObject({ code: z.string().trim().min(1).max(32) }),
  },
};

const json = (status: number, body: unknown) =>
  Response.json(body, { status, headers: { 'Cache-Control': 'private, no-store' } });

/** One answer for every failed sign-in, whatever Better Auth said (a disabled account's 403 included). */
const signInFailure = () => json(401, { code: 'INVALID_EMAIL_OR_PASSWORD', message: GENERIC_LOGIN_FAILURE });

export async function handleAuthRequest(request: Request): Promise<Response> {
  const url = new URL(request.url);
  const path = url.pathname.replace(/^\/api\/auth/, '').replace(/\/+$/, '');
  const endpoint = AUTH_ENDPOINTS[path];
  if (!endpoint) return json(404, { code: 'NOT_FOUND' });
  if (request.method !== endpoint.method) {
    return new Response(null, { status: 405, headers: { Allow: endpoint.method } });
  }
  let forwarded = request;
  if (endpoint.body) {
    let raw: Uint8Array;
    try {
      raw = await readBodyWithin(request, bodyLimitOf('authApi'));
    } catch (error) {
      if (error instanceof BodyTooLargeError) return json(413, { code: 'PAYLOAD_TOO_LARGE' });
      throw error;
    }
    let parsed: unknown = undefined;
    if (raw.byteLength > 0) {
      try {
        parsed = JSON.parse(new TextDecoder().decode(raw));
      } catch {
        return json(400, { code: 'INVALID_JSON' });
      }
    }
    const valid = endpoint.body.safeParse(parsed);
    if (!valid.success) {
      return path === '/sign-in/email' ? signInFailure() : json(400, { code: 'INVALID_REQUEST' });
    }
    forwarded = new Request(request.url, {
      method: request.method,
      headers: request.headers,
      body: valid.data === undefined ? null : JSON.stringify(valid.data),
    });
  }
  const response = await auth().handler(forwarded);
  // Better Auth keeps the first error's status (403 for a disabled account's right password) under
  // the message Kiji's hook put in its place: every failure Kiji named gets one status and body.
  if (path === '/sign-in/email' && response.status >= 400 && response.status !== 429) {
    const body = (await response
      .clone()
      .json()
      .catch(() => null)) as { message?: unknown } | null;
    if (body?.message === GENERIC_LOGIN_FAILURE) return signInFailure();
  }
  return response;
}
