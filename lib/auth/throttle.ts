import 'server-only';
import { db } from '../platform/db';

/**
 * Sign-in throttling, per IP and per account, counted in PostgreSQL so that a restart or another
 * instance resets nothing. A key is locked once it has `max` failures inside the window.
 */
export const THROTTLE = {
  account: { max: 5, windowSeconds: 15 * 60 },
  ip: { max: 30, windowSeconds: 15 * 60 },
} as const;

type Kind = keyof typeof THROTTLE;

const keyFor = (kind: Kind, value: string) => `${kind}:${value.toLowerCase()}`;

export async function isLocked(kind: Kind, value: string): Promise<boolean> {
  const { max, windowSeconds } = THROTTLE[kind];
  const row = await db().loginThrottle.findUnique({ where: { key: keyFor(kind, value) } });
  return !!row && row.failures >= max && Date.now() - row.windowStart.getTime() < windowSeconds * 1000;
}

export async function recordFailure(kind: Kind, value: string): Promise<void> {
  const { windowSeconds } = THROTTLE[kind];
  // One statement: concurrent failures all count, and an expired window starts afresh.
  await db().$executeRaw`
    INSERT INTO login_throttles (key, failures, window_start) VALUES (${keyFor(kind, value)}, 1, now())
    ON CONFLICT (key) DO UPDATE SET
      failures = CASE WHEN login_throttles.window_start < now() - make_interval(secs => ${windowSeconds}) THEN 1 ELSE login_throttles.failures + 1 END,
      window_start = CASE WHEN login_throttles.window_start < now() - make_interval(secs => ${windowSeconds}) THEN now() ELSE login_throttles.window_start END`;
}

export async function clearFailures(kind: Kind, value: string): Promise<void> {
  await db().loginThrottle.deleteMany({ where: { key: keyFor(kind, value) } });
}

/** The client address: the last X-Forwarded-For entry, which our proxy (or Next itself) appends. */
export function clientIp(headers: Headers | undefined): string {
  const forwarded = headers?.get('x-forwarded-for');
  const last = forwarded
    ?.split(',')
    .map((part) => part.trim())
    .filter(Boolean)
    .at(-1);
  return last ?? 'unknown';
}
