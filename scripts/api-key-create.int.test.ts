import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { db, disconnectDb } from '../lib/platform/db';

afterAll(disconnectDb);

const root = fileURLToPath(new URL('..', import.meta.url));

describe('npm run api-key:create', () => {
  it('prints the key once, alone on standard output, and stores only its hash with the scopes and the limit', async () => {
    const { stdout, stderr } = await promisify(execFile)(
      process.execPath,
      [
        '--conditions=react-server',
        '--import',
        'tsx',
        'scripts/api-key-create.ts',
        '--name',
        'コマンドの鍵',
        '--scopes',
        'submissions:write,articles:read',
        '--rate-limit',
        '30',
      ],
      { cwd: root, env: { ...process.env, DATABASE_URL: inject('databaseUrl') } },
    );
    const key = stdout.trim();
    expect(stdout.trim().split('\n')).toHaveLength(1);
    expect(key).toMatch(/^kiji_[a-z0-9]{8}_[A-Za-z0-9_-]{43}$/);
    expect(stderr).not.toContain(key);
    const row = await db().apiKey.findUniqueOrThrow({ where: { prefix: key.slice(0, 13) } });
    expect(row).toMatchObject({
      name: 'コマンドの鍵',
      scopes: ['submissions:write', 'articles:read'],
      rateLimitPerMinute: 30,
      createdByLabel: 'system:cli',
      hash: createHash('sha256').update(key).digest('hex'),
    });
  });
});
