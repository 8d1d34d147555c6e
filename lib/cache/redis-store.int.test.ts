import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import { cacheHandlerContract } from './cache-handler-contract';
import KijiCacheHandler from './next-cache-handler.mjs';
import { RedisStore } from './store.mjs';
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
