import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../scripts/lib/embedded-postgres';
import { startPrivateRedis, type PrivateRedis } from '../../scripts/test-support/private-redis';
import { isExpired } from './next-format.mjs';
import { GuardedRedisStore, MemoryStore, RedisStore, SharedExpiryDeferred } from './store.mjs';
import type { StoredRecord } from './store-types';

/**
 * The guarded store against a real redis-server of this test's own, stopped and started again with
 * the data it held (the machine's shared Redis is never touched).
 */
let redis: PrivateRedis;
const stores: GuardedRedisStore[] = [];
const guarded = () => {
  const store = new GuardedRedisStore(
    new RedisStore(redis.url, 'kiji-outage:', { commandTimeoutMs: 200 }),
    new MemoryStore(),
    { timeoutMs: 200, retryMs: 300 },
  );
  stores.push(store);
  return store;
};

beforeAll(async () => {
  redis = await startPrivateRedis(await freePort());
});
afterAll(async () => {
  await Promise.all(stores.map((store) => store.close().catch(() => {})));
  await redis?.dispose();
});

const page = (html: string): StoredRecord => ({
  lastModified: Date.now() - 10,
  value: { kind: 'APP_PAGE', html, status: 200 },
  tags: ['article:a'],
});
async function served(store: GuardedRedisStore, key: string): Promise<string | null> {
  const record = await store.getEntry(key);
  if (!record || isExpired(await store.tagExpiries(record.tags), record.lastModified)) return null;
  return (record.value as { html: string }).html;
}

describe('a stopped Redis', () => {
  it('is waited for no longer than the timeout, then kept away from; once back with its old data, it is used again and serves nothing from before', async () => {
    const store = guarded();
    await store.setEntry('k', page('before'));
    expect(await served(store, 'k')).toBe('before');
    expect(store.redisState()).toBe('up');

    await redis.stop();
    // Each call answers (a miss) instead of hanging; the breaker opens within a few.
    for (let n = 0; n < 3; n++) await store.getEntry('k');
    expect(store.redisState()).toBe('degraded');
    await store.setEntry('k', page('during'));
    expect(await served(store, 'k')).toBe('during');
    await expect(store.expireTags(['article:a'], Date.now())).rejects.toBeInstanceOf(SharedExpiryDeferred);
    expect(await served(store, 'k')).toBeNull();

    await redis.start();
    await expect.poll(() => store.redisState(), { timeout: 10_000, interval: 100 }).toBe('up');
    // Redis still holds the page from before the outage; the recovery expired it.
    expect(((await store.getEntry('k'))?.value as { html: string }).html).toBe('before');
    expect(await served(store, 'k')).toBeNull();
    const other = guarded();
    expect(await served(other, 'k')).toBeNull();
  });
});
