import { afterAll, describe, expect, it } from 'vitest';
import { db, disconnectDb } from '../platform/db';
import { clearFailures, clientIp, isLocked, recordFailure, THROTTLE } from './throttle';

afterAll(disconnectDb);

describe('sign-in throttling', () => {
  it('locks an IP after its limit of failures, and only that IP', async () => {
    for (let i = 0; i < THROTTLE.ip.max - 1; i += 1) await recordFailure('ip', '203.0.113.7');
    expect(await isLocked('ip', '203.0.113.7')).toBe(false);
    await recordFailure('ip', '203.0.113.7');
    expect(await isLocked('ip', '203.0.113.7')).toBe(true);
    expect(await isLocked('ip', '203.0.113.8')).toBe(false);
  });

  it('counts concurrent failures for one account without losing any', async () => {
    await Promise.all(Array.from({ length: THROTTLE.account.max }, () => recordFailure('account', 'Race@Example.jp')));
    expect(await isLocked('account', 'race@example.jp')).toBe(true);
    await clearFailures('account', 'race@example.jp');
    expect(await isLocked('account', 'race@example.jp')).toBe(false);
  });

  it('starts a new window once the old one has passed', async () => {
    for (let i = 0; i < THROTTLE.account.max; i += 1) await recordFailure('account', 'old@example.jp');
    await db().loginThrottle.update({
      where: { key: 'account:old@example.jp' },
      data: { windowStart: new Date(Date.now() - 3600_000) },
    });
    expect(await isLocked('account', 'old@example.jp')).toBe(false);
    await recordFailure('account', 'old@example.jp');
    expect((await db().loginThrottle.findUniqueOrThrow({ where: { key: 'account:old@example.jp' } })).failures).toBe(1);
  });

  it('takes the client address from the last X-Forwarded-For hop, which the proxy appends', () => {
    expect(clientIp(new Headers({ 'x-forwarded-for': '198.51.100.1, 203.0.113.9' }))).toBe('203.0.113.9');
    expect(clientIp(new Headers())).toBe('unknown');
  });
});
