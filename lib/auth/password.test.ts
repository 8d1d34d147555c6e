import { describe, expect, it } from 'vitest';
import { hashPassword, PASSWORD_RULES, passwordProblem, verifyPassword } from './password';

describe('passwords', () => {
  it('are hashed with Argon2id at m=19456, t=2, p=1 and verify', async () => {
    const hash = await hashPassword('correct horse battery');
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(await verifyPassword({ hash, password: 'correct horse battery' })).toBe(true);
    expect(await verifyPassword({ hash, password: 'wrong horse battery' })).toBe(false);
    expect(await verifyPassword({ hash: 'not a hash', password: 'x' })).toBe(false);
  });

  it('refuse weak ones with a reason', () => {
    expect(passwordProblem('short')).toContain('12文字以上');
    expect(passwordProblem('aaaaaaaaaaaaaa')).toContain('種類');
    expect(passwordProblem('password12345678')).toContain('よく使われる');
    expect(passwordProblem('hanako-secret-42', 'hanako@example.jp')).toContain('メールアドレス');
    expect(passwordProblem('a long and varied passphrase')).toBeNull();
  });

  it('have their rules stated in words from the same limits the check uses', () => {
    expect(PASSWORD_RULES).toContain('12 to 128 characters');
    expect(PASSWORD_RULES).toContain('at least 5 different characters');
    expect(passwordProblem('abcde'.repeat(25) + 'abc')).toBeNull();
    expect(passwordProblem('abcde'.repeat(26))).toContain('128文字以内');
  });
});
