import { config } from '../../lib/platform/config';
import { Redis } from 'ioredis';

/** The machine's Redis (CI starts one); KIJI_TEST_REDIS_URL names another. */
export const TEST_REDIS_URL = config().KIJI_TEST_REDIS_URL;

export const MISSING_REDIS_HELP =
  'Start one (Debian: apt-get install redis-server, then redis-server --daemonize yes), or set KIJI_TEST_REDIS_URL to a Redis the tests may write to.';

/** Fails at once with what to do, instead of every Redis test timing out on its own. */
export async function requireTestRedis(): Promise<void> {
  const redis = new Redis(TEST_REDIS_URL, {
    maxRetriesPerRequest: 0,
    lazyConnect: true,
    connectTimeout: 5_000,
    retryStrategy: () => null,
  });
  let cause: Error | undefined;
  redis.on('error', (error: Error) => (cause ??= error));
  try {
    await redis.connect();
    await redis.ping();
  } catch (error) {
    throw new Error(
      `These tests need Redis, and none answers at ${TEST_REDIS_URL} (${(cause ?? (error as Error)).message}). ${MISSING_REDIS_HELP}`,
    );
  } finally {
    redis.disconnect();
  }
}
