import 'server-only';
import { assertIsAdmin, type Actor } from './actor';
import { audit } from './audit';
import { db } from '../platform/db';
import { parseThrottleKey, throttleKey } from './throttle-keys';

export { throttleKey };

/**
 * Sign-in throttling, counted in PostgreSQL so that a restart or another instance resets nothing.
 * The design, and why a stranger cannot lock anyone out, is in docs/security.md:
 * - `pair`: one account from one address. Five attempts in 15 minutes and that address may not try
 *   that account again until the window ends or an admin clears it. The owner elsewhere is not
 *   affected.
 * - `ip`: one address against any accounts (password spraying). Thirty attempts in 15 minutes.
 * - `account`: failures against an account from anywhere. Never a lock, which a stranger could
 *   set off: each further attempt waits a little longer before its password is checked.
 * An attempt is counted before its password is checked, in one statement, so that parallel
 * attempts cannot slip past the limit; a successful sign-in gives its attempt back.
 */
export const THROTTLE = {
  pair: { max: 5, windowSeconds: 15 * 60 },
  ip: { max: 30, windowSeconds: 15 * 60 },
  account: { slowAfter: 5, windowSeconds: 15 * 60, firstDelayMs: 250, maxDelayMs: 8_000 },
  /**
   * Second-factor codes from one address at one account, counted like passwords. Better Auth's own
   * lock (ten wrong codes lock the account everywhere) is off: anyone with the password could
   * set it off, again and again, against the owner. Here the guesser's address is locked out.
   */
  code: { max: 5, windowSeconds: 15 * 60 },
  /** Wrong codes at one account from anywhere: never a lock, a growing wait, as for passwords. */
  codeAccount: { slowAfter: 5, windowSeconds: 15 * 60, firstDelayMs: 250, maxDelayMs: 8_000 },
} as const;

/** How many rows the table may hold at most, whatever an attacker sends: the oldest go first. */
export const MAX_THROTTLE_ROWS = 50_000;
/** Failed sign-ins stay in the audit log this long; editorial entries are never pruned. */
export const SIGN_IN_AUDIT_RETENTION_DAYS = 90;

type Kind = keyof typeof THROTTLE;

/** Counts one attempt under `key` and returns the count, starting a new window once the old one is over. */
async function count(key: string, kind: Kind): Promise<number> {
  const { windowSeconds } = THROTTLE[kind];
  const [row] = await db().$queryRaw<{ failures: number }[]>`
    INSERT INTO login_throttles (key, failures, window_start) VALUES (${key}, 1, now())
    ON CONFLICT (key) DO UPDATE SET
      failures = CASE WHEN login_throttles.window_start < now() - make_interval(secs => ${windowSeconds}) THEN 1 ELSE login_throttles.failures + 1 END,
      window_start = CASE WHEN login_throttles.window_start < now() - make_interval(secs => ${windowSeconds}) THEN now() ELSE login_throttles.window_start END
    RETURNING failures`;
  return row!.failures;
}

async function current(key: string, kind: Kind): Promise<number> {
  const { windowSeconds } = THROTTLE[kind];
  const [row] = await db().$queryRaw<{ failures: number }[]>`
    SELECT failures FROM login_throttles
    WHERE key = ${key} AND window_start >= now() - make_interval(secs => ${windowSeconds})`;
  return row?.failures ?? 0;
}

/** The wait before an account's password is checked, after `failures` failures from anywhere. */
export function accountDelayMs(failures: number, kind: 'account' | 'codeAccount' = 'account'): number {
  const { slowAfter, firstDelayMs, maxDelayMs } = THROTTLE[kind];
  if (failures < slowAfter) return 0;
  return Math.min(firstDelayMs * 2 ** (failures - slowAfter), maxDelayMs);
}

export type Reservation = { allowed: false } | { allowed: true; delayMs: number };

/**
 * Counts an attempt before its password is checked. Refused when this address has used up its
 * attempts on this account, or on all accounts; an allowed one may have to wait first.
 */
export async function reserveAttempt(email: string, ip: string): Promise<Reservation> {
  if ((await count(throttleKey.pair(email, ip), 'pair')) > THROTTLE.pair.max) return { allowed: false };
  if ((await count(throttleKey.ip(ip), 'ip')) > THROTTLE.ip.max) return { allowed: false };
  return { allowed: true, delayMs: accountDelayMs(await current(throttleKey.account(email), 'account')) };
}

/**
 * A failed check: counted against the account from anywhere. Returns which failure of this address
 * on this account it was (1, 2, …), counted atomically, so that exactly one is the first.
 */
export async function recordFailure(email: string, ip: string): Promise<{ failureNumber: number }> {
  await count(throttleKey.account(email), 'account');
  return { failureNumber: await count(throttleKey.failed(email, ip), 'pair') };
}

/** A correct password: this address starts afresh on the account, and gets its attempt back. */
export async function recordSuccess(email: string, ip: string): Promise<void> {
  await db().$executeRaw`
    DELETE FROM login_throttles WHERE key IN (${throttleKey.pair(email, ip)}, ${throttleKey.failed(email, ip)})`;
  await db().$executeRaw`
    UPDATE login_throttles SET failures = greatest(failures - 1, 0) WHERE key = ${throttleKey.ip(ip)}`;
}

/**
 * Counts a second-factor code before it is checked: refused when this address has used up its
 * codes on this account; an allowed one may have to wait, after many wrong codes from anywhere.
 */
export async function reserveCodeAttempt(email: string, ip: string): Promise<Reservation> {
  if ((await count(throttleKey.code(email, ip), 'code')) > THROTTLE.code.max) return { allowed: false };
  if ((await count(throttleKey.ip(ip), 'ip')) > THROTTLE.ip.max) return { allowed: false };
  const failures = await current(throttleKey.codeAccount(email), 'codeAccount');
  return { allowed: true, delayMs: accountDelayMs(failures, 'codeAccount') };
}

/** A wrong (or already used) code: counted against the account from anywhere. */
export async function recordCodeFailure(email: string): Promise<void> {
  await count(throttleKey.codeAccount(email), 'codeAccount');
}

/** A right code: this address starts afresh on the account. */
export async function recordCodeSuccess(email: string, ip: string): Promise<void> {
  await db().$executeRaw`DELETE FROM login_throttles WHERE key = ${throttleKey.code(email, ip)}`;
  await db().$executeRaw`
    UPDATE login_throttles SET failures = greatest(failures - 1, 0) WHERE key = ${throttleKey.ip(ip)}`;
}

export type SignInLock = {
  key: string;
  /** pair: passwords at one account from one address; code: its second-factor codes; ip: any account. */
  kind: 'pair' | 'code' | 'ip';
  email: string | null;
  ip: string;
  failures: number;
  until: string;
};

const LOCKABLE = ['pair', 'code', 'ip'] as const;

/** The addresses that may not try now, for the users page. */
export async function listSignInLocks(actor: Actor): Promise<SignInLock[]> {
  assertIsAdmin(actor);
  const rows = await db().$queryRaw<{ key: string; failures: number; until: Date }[]>`
    SELECT key, failures, window_start + make_interval(secs => ${THROTTLE.pair.windowSeconds}) AS until
    FROM login_throttles
    WHERE window_start >= now() - make_interval(secs => ${THROTTLE.pair.windowSeconds})
      AND ((key LIKE 'pair:%' AND failures >= ${THROTTLE.pair.max})
        OR (key LIKE 'code:%' AND failures >= ${THROTTLE.code.max})
        OR (key LIKE 'ip:%' AND failures >= ${THROTTLE.ip.max}))
    ORDER BY window_start DESC
    LIMIT 200`;
  return rows.flatMap((row) => {
    const parsed = parseThrottleKey(row.key);
    const kind = LOCKABLE.find((lockable) => lockable === parsed?.kind);
    if (!parsed || !kind || parsed.ip === null) return [];
    return [
      {
        key: row.key,
        kind,
        email: parsed.email,
        ip: parsed.ip,
        failures: row.failures,
        until: row.until.toISOString(),
      },
    ];
  });
}

/** An admin lets an address try again (the owner locked out of their own account, say). */
export async function clearSignInLock(actor: Actor, key: string): Promise<void> {
  assertIsAdmin(actor);
  if (!/^(pair|code|ip):/.test(key)) throw new Error('not a sign-in lock');
  const failedKey = key.replace(/^pair:/, 'failed:');
  const deleted = await db().$executeRaw`DELETE FROM login_throttles WHERE key IN (${key}, ${failedKey})`;
  if (deleted > 0) await audit({ actor, action: 'login_unlock', detail: { key } });
}

/**
 * Keeps both tables bounded whatever an attacker sends: expired counters go, the table never
 * holds more than MAX_THROTTLE_ROWS, and failed sign-ins leave the audit log after the retention
 * period. The scheduler runs it; it is cheap when there is nothing to do.
 */
export async function pruneSignInRecords(): Promise<{ throttles: number; audit: number }> {
  const windowSeconds = Math.max(...Object.values(THROTTLE).map((kind) => kind.windowSeconds));
  const expired = await db().$executeRaw`
    DELETE FROM login_throttles WHERE window_start < now() - make_interval(secs => ${windowSeconds})`;
  const overflow = await db().$executeRaw`
    DELETE FROM login_throttles WHERE key IN (
      SELECT key FROM login_throttles ORDER BY window_start DESC OFFSET ${MAX_THROTTLE_ROWS})`;
  const audited = await db().$executeRaw`
    DELETE FROM audit_log WHERE action IN ('login_failed', 'login_locked')
      AND at < now() - make_interval(days => ${SIGN_IN_AUDIT_RETENTION_DAYS})`;
  return { throttles: expired + overflow, audit: audited };
}
