import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { config, reloadConfig } from '../../lib/platform/config';

/** BETTER_AUTH_SECRET signs session cookies. Zero set-up: make one once and keep it in .data/. */
export async function ensureAuthSecret(): Promise<void> {
  if (config().BETTER_AUTH_SECRET) return;
  const SECRET_FILE = path.resolve(
    config().KIJI_DATA_DIR ?? path.join(import.meta.dirname, '../../.data'),
    'auth-secret',
  );
  let secret = await readFile(SECRET_FILE, 'utf8').catch(() => '');
  if (secret.trim().length < 32) {
    secret = randomBytes(32).toString('base64url');
    await mkdir(path.dirname(SECRET_FILE), { recursive: true });
    await writeFile(SECRET_FILE, secret, { mode: 0o600 });
  }
  // For this process's later reads and for its children.
  process.env.BETTER_AUTH_SECRET = secret.trim();
  reloadConfig();
}
