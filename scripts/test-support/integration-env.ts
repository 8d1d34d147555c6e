import { inject } from 'vitest';
import { reloadConfig } from '../../lib/platform/config';

process.env.DATABASE_URL = inject('databaseUrl');
process.env.DATABASE_POOL_SIZE ??= '4';
reloadConfig();
