import { afterAll, describe, expect, it } from 'vitest';
import { db, disconnectDb } from '../platform/db';
import { cliActor } from './actor';
import {
  accountDelayMs,
  clearSignInLock,
  listSignInLocks,
  pruneSignInRecords,
  recordFailure,
  recordSuccess,
  reserveAttempt,
  THROTTLE,
  throttleKey,
} from './throttle';

afterAll(disconnectDb);

/** What the sign-in hook does: reserve, and on a wrong password record the failure. */
async function wrongPassword(email: string, ip: string) {
  const reservation = await reserveAttempt(email, ip);
  if (reservation.allowed) await recordFailure(email, ip);
  return reservation;
}

describe('sign-in throttling', () => {
  it('stops one address after its attempts on one account, and only that address on that account', async () => {
    for (let i = 0; i < THROTTLE.pair.max; i += 1) {
      expect((await wrongPassword('pair@example.jp', '203.0.113.7')).allowed).toBe(true);
    }
    expect((await reserveAttempt('pair@example.jp', '203.0.113.7')).allowed).toBe(false);
    // The owner, elsewhere, is let in; so is the same address on another account.
    expect((await reserveAttempt('pair@example.jp', '198.51.100.20')).allowed).toBe(true);
    expect((await reserveAttempt('other@example.jp', '203.0.113.7')).allowed).toBe(true);
  });

  it('counts parallel attempts exactly: twenty at once get five password checks', async () => {
    const reservations = await Promise.all(
      Array.from({ length: 20 }, () => reserveAttempt('Race@Example.jp', '203.0.113.30')),
    );
    expect(reservations.filter((reservation) => reservation.allowed)).toHaveLength(THROTTLE.pair.max);
  });

  it('stops an address spraying many accounts at its limit', async () => {
    for (let i = 0; i < THROTTLE.ip.max; i += 1) {
      expect((await wrongPassword(`spray${i}@example.jp`, '203.0.113.40')).allowed).toBe(true);
    }
    expect((await reserveAttempt('spray-last@example.jp', '203.0.113.40')).allowed).toBe(false);
  });

  it('slows an account attacked from many addresses progressively, but never locks it', async () => {
    for (let i = 0; i < 8; i += 1) await wrongPassword('target@example.jp', `192.0.2.${i + 1}`);
    const owner = await reserveAttempt('target@example.jp', '198.51.100.77');
    expect(owner).toEqual({ allowed: true, delayMs: accountDelayMs(8) });
    expect(accountDelayMs(8)).toBeGreaterThan(0);
    expect(accountDelayMs(4)).toBe(0);
    expect(accountDelayMs(6)).toBeGreaterThan(accountDelayMs(5));
    expect(accountDelayMs(1000)).toBe(THROTTLE.account.maxDelayMs);
  });

  it('gives a successful attempt back to its address, and starts the account afresh from there', async () => {
    for (let i = 0; i < THROTTLE.pair.max - 1; i += 1) await wrongPassword('back@example.jp', '203.0.113.50');
    await reserveAttempt('back@example.jp', '203.0.113.50');
    await recordSuccess('back@example.jp', '203.0.113.50');
    const pair = await db().loginThrottle.findUnique({
      where: { key: throttleKey.pair('back@example.jp', '203.0.113.50') },
    });
    expect(pair).toBeNull();
    const ip = await db().loginThrottle.findUniqueOrThrow({ where: { key: throttleKey.ip('203.0.113.50') } });
    expect(ip.failures).toBe(THROTTLE.pair.max - 1);
  });

  it('lists the locks for an admin, who can clear one', async () => {
    for (let i = 0; i < THROTTLE.pair.max; i += 1) await wrongPassword('locked@example.jp', '203.0.113.60');
    const lock = (await listSignInLocks(cliActor)).find((entry) => entry.email === 'locked@example.jp');
    expect(lock).toMatchObject({ kind: 'pair', ip: '203.0.113.60', failures: THROTTLE.pair.max });
    await clearSignInLock(cliActor, lock!.key);
    expect((await reserveAttempt('locked@example.jp', '203.0.113.60')).allowed).toBe(true);
    expect(await db().auditEntry.count({ where: { action: 'login_unlock' } })).toBeGreaterThan(0);
  });

  it('starts a new window once the old one has passed', async () => {
    for (let i = 0; i < THROTTLE.pair.max + 2; i += 1) await wrongPassword('old@example.jp', '203.0.113.70');
    await db().loginThrottle.update({
      where: { key: throttleKey.pair('old@example.jp', '203.0.113.70') },
      data: { windowStart: new Date(Date.now() - 3600_000) },
    });
    expect((await reserveAttempt('old@example.jp', '203.0.113.70')).allowed).toBe(true);
    const row = await db().loginThrottle.findUniqueOrThrow({
      where: { key: throttleKey.pair('old@example.jp', '203.0.113.70') },
    });
    expect(row.failures).toBe(1);
  });

  it('prunes expired counters and old failed sign-ins, keeping editorial entries', async () => {
    await db().loginThrottle.create({
      data: { key: 'ip:192.0.2.250', failures: 3, windowStart: new Date(Date.now() - 86_400_000) },
    });
    const old = new Date(Date.now() - 200 * 86_400_000);
    await db().auditEntry.createMany({
      data: [
        { actorLabel: 'x@example.jp', action: 'login_failed', at: old },
        { actorLabel: 'editor@example.jp', action: 'article_edit', at: old },
      ],
    });
    const pruned = await pruneSignInRecords();
    expect(pruned.throttles).toBeGreaterThanOrEqual(1);
    expect(pruned.audit).toBeGreaterThanOrEqual(1);
    expect(await db().loginThrottle.findUnique({ where: { key: 'ip:192.0.2.250' } })).toBeNull();
    expect(await db().auditEntry.count({ where: { action: 'article_edit', at: old } })).toBe(1);
    expect(await db().auditEntry.count({ where: { action: 'login_failed', at: old } })).toBe(0);
  });
});
