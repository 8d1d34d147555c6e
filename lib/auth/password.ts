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

export const MAX_PASSWORD_LENGTH = 128;
const MIN_DISTINCT_CHARACTERS = 5;
/** An address's part before @ this long or longer may not appear in the password. */
const MIN_LOCAL_PART = 4;
const COMMON_STARTS = ['password', 'passw0rd', '123456', 'qwerty', 'kiji'];

/** Why a password is too weak, or null. Length matters most; reject the obvious ones too. */
export function passwordProblem(password: string, email = ''): string | null {
  if (password.length < MIN_PASSWORD_LENGTH) return `パスワードは${MIN_PASSWORD_LENGTH}文字以上にしてください`;
  if (password.length > MAX_PASSWORD_LENGTH) return `パスワードは${MAX_PASSWORD_LENGTH}文字以内にしてください`;
  if (new Set(password).size < MIN_DISTINCT_CHARACTERS) return 'パスワードに使う文字の種類を増やしてください';
  const local = email.split('@')[0]?.toLowerCase();
  if (local && local.length >= MIN_LOCAL_PART && password.toLowerCase().includes(local))
    return 'パスワードにメールアドレスを含めないでください';
  const lower = password.toLowerCase();
  if (COMMON_STARTS.some((start) => lower.startsWith(start))) return 'よく使われるパスワードは使えません';
  return null;
}

/** The rules passwordProblem holds a password to, in words, for `npm run admin:create -- --help`. */
export const PASSWORD_RULES = [
  'The password must:',
  `  - be ${MIN_PASSWORD_LENGTH} to ${MAX_PASSWORD_LENGTH} characters long (a passphrase is best);`,
  `  - use at least ${MIN_DISTINCT_CHARACTERS} different characters;`,
  `  - not contain the address's part before @ (when it is ${MIN_LOCAL_PART} characters or longer);`,
  `  - not begin like a common password (${COMMON_STARTS.join(', ')}).`,
].join('\n');
