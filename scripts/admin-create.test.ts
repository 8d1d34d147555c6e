import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { PASSWORD_RULES } from '../lib/auth/password';

const root = fileURLToPath(new URL('..', import.meta.url));

describe('npm run admin:create -- --help', () => {
  it('states the password rules the account’s password is checked against', () => {
    const help = execFileSync(
      process.execPath,
      ['--conditions=react-server', '--import', 'tsx', 'scripts/admin-create.ts', '--help'],
      { cwd: root, encoding: 'utf8', env: { ...process.env, DATABASE_URL: '' } },
    );
    expect(help).toContain(PASSWORD_RULES);
    expect(help).toContain('12 to 128 characters');
    expect(help).toMatch(/not contain the address's part before @/);
  });
});
