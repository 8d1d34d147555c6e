import { describe, expect, it } from 'vitest';
import { isExpired } from './next-format.mjs';
import { GuardedRedisStore, MemoryStore, SharedExpiryDeferred } from './store.mjs';
import type { StoredRecord } from './store-types';

/** A Redis stand-in: a MemoryStore that can be taken down (fails at once) or hung (never answers). */
function fakeRedis() {
  const data = new MemoryStore();
  const state = { mode: 'up' as 'up' | 'down' | 'hung', calls: 0 };
  const gate = async () => {
    state.calls += 1;
    if (state.mode === 'down') throw new Error('connect ECONNREFUSED');
    if (state.mode === 'hung') await new Promise(() => {});
  };
  const redis: { whenLost?: () => void } & Pick<
    MemoryStore,
    'getEntry' | 'setEntry' | 'keyForPath' | 'tagExpiries' | 'expireTags' | 'getMemo' | 'setMemo' | 'close'
  > = {
    getEntry: async (key: string) => (await gate(), data.getEntry(key)),
    setEntry: async (key: string, record: StoredRecord) => (await gate(), data.setEntry(key, record)),
    keyForPath: async (pathname: string) => (await gate(), data.keyForPath(pathname)),
    tagExpiries: async (tags: string[]) => (await gate(), data.tagExpiries(tags)),
    expireTags: async (tags: string[], at: number) => (await gate(), data.expireTags(tags, at)),
    getMemo: async (key: string) => (await gate(), data.getMemo(key)),
    setMemo: async (key: string, record: { value: unknown; tags: string[]; loadedAt: number }, ttl: number) => (
      await gate(),
      data.setMemo(key, record, ttl)
    ),
    close: async () => {},
  };
  return { redis, data, state };
}

const page = (html: string, lastModified: number): StoredRecord => ({
  lastModified,
  value: { kind: 'APP_PAGE', html, status: 200 },
  tags: ['article:a'],
});

/** What a reader gets for a key: the stored page's HTML, or null when missing or expired. */
async function served(store: GuardedRedisStore, key: string): Promise<string | null> {
  const record = await store.getEntry(key);
  if (!record) return null;
  if (isExpired(await store.tagExpiries(record.tags), record.lastModified)) return null;
  return (record.value as { html: string }).html;
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 5));

describe('Redis behind its breaker, with the instance’s memory meanwhile', () => {
  it('serves from memory once Redis fails, stops calling it, and keeps the memory right with the expiries it hears', async () => {
    const { redis, state } = fakeRedis();
    const store = new GuardedRedisStore(redis, new MemoryStore(), { timeoutMs: 50, retryMs: 60_000 });
    await store.setEntry('k', page('before the outage', Date.now() - 10));
    expect(await served(store, 'k')).toBe('before the outage');

    state.mode = 'down';
    // The page this instance had from Redis is at hand in its memory: no render needed.
    expect(await served(store, 'k')).toBe('before the outage');
    await store.getEntry('k');
    expect(store.redisState()).toBe('degraded');
    const callsWhenOpened = state.calls;
    expect(await served(store, 'never-seen')).toBeNull(); // a miss: the page renders from the database

    await store.setEntry('k', page('rendered during the outage', Date.now() - 10));
    expect(await served(store, 'k')).toBe('rendered during the outage');
    expect(state.calls).toBe(callsWhenOpened);

    await expect(store.expireTags(['article:a'], Date.now())).rejects.toBeInstanceOf(SharedExpiryDeferred);
    expect(await served(store, 'k')).toBeNull();
    expect(state.calls).toBe(callsWhenOpened);
  });

  it('bounds a Redis that does not answer by its timeout', async () => {
    const { redis, state } = fakeRedis();
    const store = new GuardedRedisStore(redis, new MemoryStore(), { timeoutMs: 20, retryMs: 60_000 });
    state.mode = 'hung';
    await expect(store.getEntry('k')).resolves.toBeNull();
    await expect(store.expireTags(['article:a'], Date.now())).rejects.toBeInstanceOf(SharedExpiryDeferred);
    expect(store.redisState()).toBe('degraded');
  });

  it('uses Redis again on its own once it answers, after expiring everything it held from before', async () => {
    const { redis, data, state } = fakeRedis();
    let now = Date.now();
    const store = new GuardedRedisStore(redis, new MemoryStore(), {
      timeoutMs: 50,
      retryMs: 1_000,
      now: () => now,
    });
    await store.setEntry('k', page('before the outage', Date.now() - 10));
    state.mode = 'down';
    // An edit while Redis is away: Redis never hears of it.
    await expect(store.expireTags(['article:a'], Date.now())).rejects.toBeInstanceOf(SharedExpiryDeferred);
    expect(store.redisState()).toBe('degraded');

    state.mode = 'up';
    expect(store.redisState()).toBe('degraded'); // not before its retry time
    now += 1_000;
    expect(store.redisState()).toBe('degraded'); // the probe is running
    await settle();
    expect(store.redisState()).toBe('up');
    expect((await data.tagExpiries([]))[0]).toBeGreaterThan(0); // everything expired in Redis
    expect(await data.getEntry('k')).not.toBeNull();
    // Redis still holds the page from before the edit, and nobody is served it.
    expect(await served(store, 'k')).toBeNull();
    await new Promise((resolve) => setTimeout(resolve, 2));
    await store.setEntry('k', page('after recovery', Date.now()));
    expect(await served(store, 'k')).toBe('after recovery');
  });

  it('keeps away from Redis for another period when the probe fails', async () => {
    const { redis, state } = fakeRedis();
    let now = Date.now();
    const store = new GuardedRedisStore(redis, new MemoryStore(), {
      timeoutMs: 50,
      retryMs: 1_000,
      failureThreshold: 1,
      now: () => now,
    });
    state.mode = 'down';
    await store.getEntry('k');
    now += 1_000;
    store.redisState();
    await settle();
    expect(store.redisState()).toBe('degraded');
    const calls = state.calls;
    await store.getEntry('k');
    expect(state.calls).toBe(calls);
  });

  it('does not serve a mirrored page that Redis had expired, by a tag this instance never heard of', async () => {
    const { redis, data, state } = fakeRedis();
    const store = new GuardedRedisStore(redis, new MemoryStore(), { timeoutMs: 50, retryMs: 60_000 });
    await store.setEntry('home', { ...page('front page before', Date.now() - 10), tags: ['front-page'] });
    await new Promise((resolve) => setTimeout(resolve, 2));
    // Another instance changed the front page: only Redis knows.
    await data.expireTags(['front-page'], Date.now());
    expect(await served(store, 'home')).toBeNull();
    state.mode = 'down';
    redis.whenLost?.();
    expect(store.redisState()).toBe('degraded');
    expect(await served(store, 'home')).toBeNull();
  });

  it('keeps away from Redis the moment its connection closes, before any call fails', async () => {
    const { redis, state } = fakeRedis();
    const store = new GuardedRedisStore(redis, new MemoryStore(), { timeoutMs: 50, retryMs: 60_000 });
    redis.whenLost?.();
    expect(store.redisState()).toBe('degraded');
    await store.getEntry('k');
    expect(state.calls).toBe(0);
  });
});
