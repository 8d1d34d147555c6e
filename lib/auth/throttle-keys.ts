/**
 * The sign-in throttle's keys (lib/auth/throttle.ts): how they are made, and how they are read back
 * for the users page and the audit log. A key names an account and an address, which are personal
 * data; only admins read the address (lib/editorial/audit-log.ts). Pure.
 */

export const throttleKey = {
  /** Password attempts at one account from one address. */
  pair: (email: string, ip: string) => `pair:${email.toLowerCase()}|${ip}`,
  /** Password attempts from one address at any account. */
  ip: (ip: string) => `ip:${ip}`,
  /** Failed passwords at one account from anywhere. */
  account: (email: string) => `account:${email.toLowerCase()}`,
  /** Failed checks (not attempts) from one address on one account: numbers them for the audit log. */
  failed: (email: string, ip: string) => `failed:${email.toLowerCase()}|${ip}`,
  /** Second-factor codes tried at one account from one address. */
  code: (email: string, ip: string) => `code:${email.toLowerCase()}|${ip}`,
  /** Wrong second-factor codes at one account from anywhere. */
  codeAccount: (email: string) => `code-account:${email.toLowerCase()}`,
};

export type ThrottleKeyKind = keyof typeof throttleKey;

const PREFIXES: Record<string, ThrottleKeyKind> = {
  pair: 'pair',
  ip: 'ip',
  account: 'account',
  failed: 'failed',
  code: 'code',
  'code-account': 'codeAccount',
};

export type ParsedThrottleKey = { kind: ThrottleKeyKind; prefix: string; email: string | null; ip: string | null };

/** A key read back into its account and address, or null when it is no throttle key. */
export function parseThrottleKey(key: string): ParsedThrottleKey | null {
  const colon = key.indexOf(':');
  if (colon < 0) return null;
  const prefix = key.slice(0, colon);
  const kind = PREFIXES[prefix];
  if (!kind) return null;
  const rest = key.slice(colon + 1);
  if (kind === 'ip') return { kind, prefix, email: null, ip: rest };
  if (kind === 'account' || kind === 'codeAccount') return { kind, prefix, email: rest, ip: null };
  const bar = rest.lastIndexOf('|');
  if (bar < 0) return null;
  return { kind, prefix, email: rest.slice(0, bar), ip: rest.slice(bar + 1) };
}

/** The key as an editor may read it: the account without the address (`ip:…` becomes `ip`). */
export function throttleKeyWithoutAddress(key: string): string | null {
  const parsed = parseThrottleKey(key);
  if (!parsed) return null;
  return parsed.email === null ? parsed.prefix : `${parsed.prefix}:${parsed.email}`;
}
