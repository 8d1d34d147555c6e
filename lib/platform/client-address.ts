import { BlockList, isIP } from 'node:net';

/**
 * Who is on the other end of a request. The socket's peer is the only address nobody can forge;
 * `X-Forwarded-For` is believed only as far as it was written by a proxy the operator named in
 * KIJI_TRUSTED_PROXIES. Walking the header from the right, each hop that a trusted proxy appended
 * is accepted, and the first address not in the list is the client. With no trusted proxies (the
 * default) the header is ignored entirely: a client talking to Kiji directly cannot choose its
 * own address, and so cannot get a fresh throttle bucket per request or forge audit entries.
 *
 * Kiji's server (scripts/serve.ts) resolves it once per request and passes it on in
 * CLIENT_ADDRESS_HEADER, replacing anything the client sent under that name.
 */
export const CLIENT_ADDRESS_HEADER = 'x-kiji-client-address';

export type TrustedProxies = { list: BlockList; empty: boolean };

/** `127.0.0.1/32, 10.0.0.0/8, ::1` (a bare address is a /32 or /128); throws on a malformed entry. */
export function parseTrustedProxies(value: string | undefined): TrustedProxies {
  const list = new BlockList();
  const entries = (value ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  for (const entry of entries) {
    const [address, bits] = entry.split('/');
    const family = isIP(address ?? '');
    if (!family) throw new Error(`"${entry}" is not an IP address or CIDR range`);
    const max = family === 4 ? 32 : 128;
    const prefix = bits === undefined ? max : Number(bits);
    if (!Number.isInteger(prefix) || prefix < 0 || prefix > max || (bits !== undefined && !/^\d+$/.test(bits))) {
      throw new Error(`"${entry}" has an invalid prefix length`);
    }
    list.addSubnet(address!, prefix, family === 4 ? 'ipv4' : 'ipv6');
  }
  return { list, empty: entries.length === 0 };
}

/** `::ffff:127.0.0.1` is how a dual-stack socket reports an IPv4 peer. */
function plain(address: string): string {
  const trimmed = address.trim();
  return trimmed.startsWith('::ffff:') && isIP(trimmed.slice(7)) === 4 ? trimmed.slice(7) : trimmed;
}

function isTrusted(address: string, trusted: TrustedProxies): boolean {
  const family = isIP(address);
  return family !== 0 && trusted.list.check(address, family === 4 ? 'ipv4' : 'ipv6');
}

export function resolveClientAddress(
  peer: string | undefined,
  forwardedFor: string | string[] | undefined,
  trusted: TrustedProxies,
): string {
  let client = plain(peer ?? '');
  if (!client) return 'unknown';
  if (trusted.empty) return client;
  const hops = (Array.isArray(forwardedFor) ? forwardedFor.join(',') : (forwardedFor ?? ''))
    .split(',')
    .map(plain)
    .filter(Boolean);
  while (isTrusted(client, trusted) && hops.length > 0) {
    const next = hops.pop()!;
    // Garbage where an address should be: stop at the last hop we could vouch for.
    if (!isIP(next)) break;
    client = next;
  }
  return client;
}

/** What the data layer reads: the address Kiji's server resolved, or "unknown" outside it. */
export function clientAddressOf(headers: Headers | undefined): string {
  const value = headers?.get(CLIENT_ADDRESS_HEADER)?.trim();
  return value && isIP(value) ? value : 'unknown';
}
