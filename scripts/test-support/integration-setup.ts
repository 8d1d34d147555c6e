import type { TestProject } from 'vitest/node';
import { createFreshDatabase } from '../lib/test-database';
import { startTestRedis } from './test-redis';

declare module 'vitest' {
  export interface ProvidedContext {
    databaseUrl: string;
    redisUrl: string;
  }
}

/**
 * One fresh, migrated PostgreSQL database and one Redis for the integration run (the Redis is
 * started here unless KIJI_TEST_REDIS_URL names one); both go away afterwards.
 */
export default async function setup(project: TestProject) {
  const [database, redis] = await Promise.all([createFreshDatabase('int'), startTestRedis()]);
  project.provide('databaseUrl', database.url);
  project.provide('redisUrl', redis.url);
  return async () => {
    await Promise.all([database.dispose(), redis.stop()]);
  };
}
