import { auth } from '../../lib/auth/auth';
import type { Account } from './fixtures';
import { totpCode } from './totp';

/**
 * Sets up two-factor sign-in for a fixture account the way an editor does on /admin/two-factor
 * (sign in, enable with the password, confirm with a code from the app), through Better Auth on
 * the server; returns the base32 secret, which the login helper turns into codes.
 */
export async function enrollTwoFactor(account: Account): Promise<string> {
  const signedIn = await auth().api.signInEmail({
    body: { email: account.email, password: account.password },
    returnHeaders: true,
  });
  const cookie = signedIn.headers
    .getSetCookie()
    .map((value) => value.split(';')[0])
    .join('; ');
  const headers = new Headers({ cookie });
  const enabled = await auth().api.enableTwoFactor({ body: { password: account.password, method: 'totp' }, headers });
  if (enabled.method !== 'totp') throw new Error('two-factor set-up did not return a TOTP secret');
  const secret = new URL(enabled.totpURI).searchParams.get('secret');
  if (!secret) throw new Error('no secret in the TOTP URI');
  await auth().api.verifyTOTP({ body: { code: totpCode(secret) }, headers });
  return secret;
}
