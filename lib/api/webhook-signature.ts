import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The signature of a webhook delivery (issue #24; the outbox and its worker are not built yet, see
 * docs/decisions/0030): HMAC-SHA256 over `<t>.<body>` with the endpoint's secret, sent as
 * `Kiji-Signature: t=<unix seconds>,v1=<hex>`. A receiver recomputes it over the raw body, compares
 * in constant time, and refuses a timestamp older than its tolerance (a replay). Pure.
 */

export const SIGNATURE_HEADER = 'Kiji-Signature';
export const DEFAULT_TOLERANCE_SECONDS = 300;

const mac = (secret: string, timestamp: number, body: string) =>
  createHmac('sha256', secret).update(`${timestamp}.${body}`, 'utf8').digest('hex');

export function signatureHeader(secret: string, body: string, timestamp = Math.floor(Date.now() / 1000)): string {
  return `t=${timestamp},v1=${mac(secret, timestamp, body)}`;
}

export function verifySignature(
  header: string | null,
  body: string,
  secret: string,
  { now = Math.floor(Date.now() / 1000), toleranceSeconds = DEFAULT_TOLERANCE_SECONDS } = {},
): boolean {
  const parts = new Map(
    (header ?? '').split(',').map((part) => {
      const at = part.indexOf('=');
      return [part.slice(0, at).trim(), part.slice(at + 1).trim()] as const;
    }),
  );
  const timestamp = Number(parts.get('t'));
  const given = parts.get('v1') ?? '';
  if (!Number.isInteger(timestamp) || Math.abs(now - timestamp) > toleranceSeconds) return false;
  if (!/^[0-9a-f]{64}$/.test(given)) return false;
  return timingSafeEqual(Buffer.from(given, 'hex'), Buffer.from(mac(secret, timestamp, body), 'hex'));
}
