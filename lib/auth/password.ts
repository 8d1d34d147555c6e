import { hash, verify } from '@node-rs/argon2';

/** Argon2id with OWASP's minimum (m=19 MiB, t=2, p=1). */
export const ARGON2ID = { algorithm: 2, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export const MIN_PASSWORD_LENGTH = 12;

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2ID);
}

export async function verifyPassword({ hash: stored, password }: { hash: string; password: string }): Promise<boolean> {
  try {
    return await verify(stored, password);
  } catch {
    return false;
  }
}

/** Why a password is too weak, or null. Length matters most; reject the obvious ones too. */
export function passwordProblem(password: string, email = ''): string | null {
  if (password.length < MIN_PASSWORD_LENGTH) return `パスワードは${MIN_PASSWORD_LENGTH}文字以上にしてください`;
  if (password.length > 128) return 'パスワードは128文字以内にしてください';
  if (new Set(password).size < 5) return 'パスワードに使う文字の種類を増やしてください';
  const local = email.split('@')[0]?.toLowerCase();
  if (local && local.length >= 4 && password.toLowerCase().includes(local))
    return 'パスワードにメールアドレスを含めないでください';
  if (/^(password|passw0rd|123456|qwerty|kiji)/i.test(password)) return 'よく使われるパスワードは使えません';
  return null;
}
