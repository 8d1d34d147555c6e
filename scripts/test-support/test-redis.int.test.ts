import { once } from 'node:events';
import { createConnection } from 'node:net';
import { Redis } from 'ioredis';
import { describe, expect, it } from 'vitest';
import { reloadConfig } from '../../lib/platform/config';
import { startTestRedis, TEST_REDIS_URL } from './test-redis';

const connect = (url: string) =>
  new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null, connectTimeout: 5_000 });

describe('the tests’ Redis', () => {
  it('is started by the run itself and handed to the tests, with nothing started by hand', async () => {
    expect(TEST_REDIS_URL).toMatch(/^redis:\/\/127\.0\.0\.1:\d+$/);
    const redis = connect(TEST_REDIS_URL);
    await redis.connect();
    expect(await redis.ping()).toBe('PONG');
    redis.disconnect();
  });

  it('starts on a free port, keeps nothing on disk, and is gone once stopped', async () => {
    // As on a machine where nobody named a Redis: empty is unset.
    process.env.KIJI_TEST_REDIS_URL = '';
    reloadConfig();
    const started = await startTestRedis().finally(() => {
      process.env.KIJI_TEST_REDIS_URL = TEST_REDIS_URL;
      reloadConfig();
    });
    expect(started.url).not.toBe(TEST_REDIS_URL);
    const redis = connect(started.url);
    redis.on('error', () => {});
    await redis.connect();
    expect(await redis.config('GET', 'save')).toEqual(['save', '']);
    redis.disconnect();
    await started.stop();
    const socket = createConnection(Number(new URL(started.url).port), '127.0.0.1');
    const [error] = (await once(socket, 'error')) as [NodeJS.ErrnoException];
    expect(error.code).toBe('ECONNREFUSED');
  });
});
