import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import { cacheHandlerContract } from './cache-handler-contract';
import KijiCacheHandler from './next-cache-handler.mjs';
import { GuardedRedisStore, MemoryStore, RedisStore } from './store.mjs';
import { requireTestRedis, TEST_REDIS_URL as url } from '../../scripts/test-support/test-redis';
const prefix = `kiji-int-${Date.now().toString(36)}:`;
const stores: RedisStore[] = [];
const newStore = () => {
  const store = new RedisStore(url, prefix);
  stores.push(store);
  return store;
};

let reachable = false;
beforeAll(async () => {
  await requireTestRedis();
  reachable = true;
});

afterAll(async () => {
  if (!reachable) return;
  const redis = new Redis(url);
  const keys = await redis.keys(`${prefix}*`);
  if (keys.length > 0) await redis.del(...keys);
  await redis.quit();
  await Promise.all(stores.map((store) => store.close()));
});

describe('the Redis cache handler', () => {
  cacheHandlerContract(newStore);
});

describe('two instances sharing one Redis', () => {
  it('serve what either rendered, and both stop serving it when either expires its tag', async () => {
    const a = Object.assign(new KijiCacheHandler(), { store: newStore(), raceWindowMs: 0 });
    const b = Object.assign(new KijiCacheHandler(), { store: newStore(), raceWindowMs: 0 });
    const key = '/route-cache/APP_PAGE/shared/$/articles/shared';
    const page = {
      kind: 'APP_PAGE',
      html: '<h1>共有</h1>',
      rscData: Buffer.from('rsc'),
      headers: { 'x-next-cache-tags': 'article:shared' },
      status: 200,
    };
    await a.set(key, page, {});
    expect((await b.get(key, { kind: 'APP_PAGE' }))?.value).toEqual(page);
    await new Promise((resolve) => setTimeout(resolve, 2));
    await b.revalidateTag('article:shared', { expire: 0 });
    expect(await a.get(key, { kind: 'APP_PAGE' })).toBeNull();
    expect(await b.get(key, { kind: 'APP_PAGE' })).toBeNull();
  });
});

describe('an instance reading a page through Redis', () => {
  it('takes a render it already holds from its own memory, and fetches the entry only when Redis holds another', async () => {
    const redisOf = () => {
      const redis = newStore();
      const fetched: string[] = [];
      const getEntry = redis.getEntry.bind(redis);
      redis.getEntry = (key: string) => {
        fetched.push(key);
        return getEntry(key);
      };
      return { store: new GuardedRedisStore(redis, new MemoryStore()), fetched };
    };
    const a = redisOf();
    const b = redisOf();
    const key = `/route-cache/APP_PAGE/stamp/$/articles/stamped`;
    const render = (html: string, lastModified: number) => ({
      lastModified,
      value: { kind: 'APP_PAGE', html, rscData: Buffer.from(html), status: 200 },
      tags: ['article:stamped'],
    });

    await a.store.setEntry(key, render('<h1>一度目</h1>', 1_000));
    // B has never seen it: the whole entry, once; after that, only its stamp.
    for (let n = 0; n < 3; n++) expect((await b.store.getEntry(key))?.value).toMatchObject({ html: '<h1>一度目</h1>' });
    expect(b.fetched).toEqual([key]);
    // A rendered it: it never fetches it.
    expect((await a.store.getEntry(key))?.value).toMatchObject({ html: '<h1>一度目</h1>' });
    expect(a.fetched).toEqual([]);

    // Another render, stored by B: A fetches it once, as it is not what A holds.
    await b.store.setEntry(key, render('<h1>二度目</h1>', 2_000));
    expect((await a.store.getEntry(key))?.value).toMatchObject({ html: '<h1>二度目</h1>' });
    expect((await a.store.getEntry(key))?.value).toMatchObject({ html: '<h1>二度目</h1>' });
    expect(a.fetched).toEqual([key]);
  });
});
