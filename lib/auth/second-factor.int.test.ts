import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { totpCode } from '../../e2e/support/totp';
import { db, disconnectDb } from '../platform/db';
import { CLIENT_ADDRESS_HEADER } from '../platform/client-address';
import { cliActor } from './actor';
import { auth } from './auth';
import { clearSignInLock, listSignInLocks, THROTTLE } from './throttle';
import { createUserAccount } from './users';

afterAll(disconnectDb);

/**
 * The second step of a sign-in, through Better Auth with Kiji's hooks, as the login form's server
 * action calls it: a code is good once, and guessing codes locks only the guesser's address out.
 */

const password = 'correct horse battery staple';
let secret = '';
const email = 'two-steps@example.jp';

const cookieOf = (headers: Headers) =>
  headers
    .getSetCookie()
    .map((value) => value.split(';')[0])
    .join('; ');

/** The password step from `ip`: the challenge cookie the code step needs. */
async function passwordStep(ip: string, who = email): Promise<Headers> {
  const signedIn = await auth().api.signInEmail({
    body: { email: who, password },
    headers: new Headers({ [CLIENT_ADDRESS_HEADER]: ip }),
    returnHeaders: true,
  });
  return new Headers({ cookie: cookieOf(signedIn.headers), [CLIENT_ADDRESS_HEADER]: ip });
}

/** The code step: 'ok', or the status Better Auth refused it with. */
async function codeStep(headers: Headers, code: string): Promise<'ok' | number> {
  try {
    await auth().api.verifyTOTP({ body: { code }, headers });
    return 'ok';
  } catch (error) {
    return (error as { statusCode?: number }).statusCode ?? 500;
  }
}

beforeAll(async () => {
  const user = await createUserAccount(cliActor, { email, name: '二段 階', password, role: 'editor' });
  const cookie = cookieOf((await auth().api.signInEmail({ body: { email, password }, returnHeaders: true })).headers);
  const headers = new Headers({ cookie });
  const enabled = await auth().api.enableTwoFactor({ body: { password, method: 'totp' }, headers });
  if (enabled.method !== 'totp') throw new Error('no TOTP');
  secret = new URL(enabled.totpURI).searchParams.get('secret')!;
  // Confirmed with the code of an earlier step, so that the tests' own codes are fresh.
  await auth().api.verifyTOTP({ body: { code: totpCode(secret, Date.now() - 30_000) }, headers });
  expect(user.email).toBe(email);
});

describe('the second factor', () => {
  it('takes a code once: the same code sent from two sign-ins at once lets exactly one in, and later none', async () => {
    const code = totpCode(secret);
    const [first, second] = await Promise.all([passwordStep('198.51.100.60'), passwordStep('198.51.100.61')]);
    const answers = await Promise.all([codeStep(first!, code), codeStep(second!, code)]);
    expect(answers.filter((answer) => answer === 'ok')).toHaveLength(1);
    expect(answers.filter((answer) => answer === 401)).toHaveLength(1);
    // Within its 30 seconds, and from a third sign-in, the used code is still refused.
    expect(await codeStep(await passwordStep('198.51.100.62'), code)).toBe(401);
  });

  it('locks a guesser’s address out after its tries, not the owner elsewhere, and an admin sees and clears it', async () => {
    const guesser = '203.0.113.80';
    const wrong = (n: number) => String((Number(totpCode(secret)) + 1000 + n) % 1_000_000).padStart(6, '0');
    const answers: (number | 'ok')[] = [];
    // A challenge allows five codes; the guesser, knowing the password, asks for new ones.
    let challenge = await passwordStep(guesser);
    for (let i = 0; i < 12; i += 1) {
      if (i === 4 || i === 8) challenge = await passwordStep(guesser);
      answers.push(await codeStep(challenge, wrong(i)));
    }
    expect(answers.slice(0, THROTTLE.code.max)).toEqual(Array(THROTTLE.code.max).fill(401));
    expect(answers.slice(THROTTLE.code.max + 1)).toContain(429);
    // The owner, from their own address, still signs in with the next code.
    const next = totpCode(secret, Date.now() + 30_000);
    expect(await codeStep(await passwordStep('198.51.100.63'), next)).toBe('ok');
    // The admin sees the guesser's lock on the users page's list, and clears it.
    const lock = (await listSignInLocks(cliActor)).find((row) => row.ip === guesser && row.kind === 'code');
    expect(lock).toMatchObject({ email, kind: 'code' });
    await clearSignInLock(cliActor, lock!.key);
    expect((await listSignInLocks(cliActor)).find((row) => row.ip === guesser)).toBeUndefined();
    const cleared = await db().auditEntry.findFirst({ where: { action: 'login_unlock' }, orderBy: { id: 'desc' } });
    expect(cleared?.detail).toEqual({ key: lock!.key });
  });
});
