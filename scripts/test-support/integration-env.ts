import { inject } from 'vitest';
import { reloadConfig } from '../../lib/platform/config';

process.env.DATABASE_URL = inject('databaseUrl');
process.env.DATABASE_POOL_SIZE ??= '4';
process.env.KIJI_TEST_REDIS_URL = inject('redisUrl');
reloadConfig();
