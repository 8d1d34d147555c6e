import 'server-only';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { db } from '../platform/db';

/**
 * An authenticator code is good once (RFC 6238 §5.2: "the verifier MUST NOT accept the second
 * attempt of the same OTP after the successful validation"). Better Auth checks a code against the
 * steps either side of now and remembers nothing, so a code seen over a shoulder or in a proxy's
 * log would sign in again within its 90 seconds. Before Better Auth checks a code, Kiji finds which
 * 30-second step it belongs to and claims that step for the account with one conditional UPDATE:
 * of two requests carrying the same code, exactly one claims it, and no code of that step or an
 * earlier one is taken again. A wrong code claims nothing, so it cannot spoil the right one.
 */

const PERIOD_SECONDS = 30;
/** The steps either side of now that a code may come from: Better Auth's own window. */
const WINDOW = 1;

/** The six-digit code of one time step (RFC 4226's HOTP with HMAC-SHA1, as authenticator apps use). */
export function codeOfStep(key: Buffer, step: number): string {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(step));
  const hmac = createHmac('sha1', key).update(counter).digest();
  const offset = hmac[hmac.length - 1]! & 0xf;
  return String((hmac.readUInt32BE(offset) & 0x7fffffff) % 1_000_000).padStart(6, '0');
}

/** The time step within the window whose code this is, or null when it is none of them. */
export function stepOfCode(key: Buffer, code: string, now = Date.now()): number | null {
  const current = Math.floor(now / 1000 / PERIOD_SECONDS);
  let found: number | null = null;
  for (let step = current - WINDOW; step <= current + WINDOW; step += 1) {
    // Every step is compared, and in constant time, so the timing says nothing about which matched.
    if (code.length === 6 && timingSafeEqual(Buffer.from(codeOfStep(key, step)), Buffer.from(code))) found = step;
  }
  return found;
}

const BASE32_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** Better Auth's stored secret, decrypted, as the HMAC key its codes are made with. */
function keyOfSecret(secret: string): Buffer {
  // Secrets imported from elsewhere are kept as `base32:<secret>`; generated ones are used as UTF-8.
  if (!secret.startsWith('base32:')) return Buffer.from(secret, 'utf8');
  let bits = '';
  for (const char of secret.slice(7).replace(/=+$/, '').toUpperCase()) {
    bits += BASE32_ALPHABET.indexOf(char).toString(2).padStart(5, '0');
  }
  return Buffer.from((bits.match(/.{8}/g) ?? []).map((byte) => parseInt(byte, 2)));
}

export type CodeClaim = 'claimed' | 'used' | 'not-a-code';

/**
 * Claims the step of `code` for the account before Better Auth checks it. 'used' when this code
 * (or a later one) was accepted already; 'not-a-code' when it is no code of the window, which
 * Better Auth then refuses and counts as a wrong code.
 */
export async function claimTotpStep(
  userId: string,
  code: string,
  decrypt: (stored: string) => Promise<string>,
  now = Date.now(),
): Promise<CodeClaim> {
  const row = await db().twoFactor.findFirst({ where: { userId }, select: { secret: true } });
  if (!row) return 'not-a-code';
  const step = stepOfCode(keyOfSecret(await decrypt(row.secret)), code, now);
  if (step === null) return 'not-a-code';
  const claimed = await db().$executeRaw`
    UPDATE two_factors SET last_totp_step = ${step}
    WHERE user_id = ${userId} AND (last_totp_step IS NULL OR last_totp_step < ${step})`;
  return claimed > 0 ? 'claimed' : 'used';
}
