import { startTestRedis } from '../../scripts/test-support/test-redis';

/**
 * Playwright's global setup: the Redis the many-instances test shares between its instances,
 * started for this run on a free port (unless KIJI_TEST_REDIS_URL names one) and handed to the
 * test workers through the environment; the returned function stops it when the run ends.
 */
export default async function globalSetup(): Promise<() => Promise<void>> {
  const redis = await startTestRedis();
  process.env.KIJI_TEST_REDIS_URL = redis.url;
  return redis.stop;
}
