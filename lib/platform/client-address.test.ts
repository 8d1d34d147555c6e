import { describe, expect, it } from 'vitest';
import { clientAddressOf, CLIENT_ADDRESS_HEADER, parseTrustedProxies, resolveClientAddress } from './client-address';

const none = parseTrustedProxies(undefined);
const loopback = parseTrustedProxies('127.0.0.1/32, ::1');

describe('the client address', () => {
  it('is the socket peer when no proxy is trusted, whatever X-Forwarded-For says', () => {
    expect(resolveClientAddress('203.0.113.5', '198.51.100.1', none)).toBe('203.0.113.5');
    expect(resolveClientAddress('127.0.0.1', '198.51.100.1, 198.51.100.2', none)).toBe('127.0.0.1');
  });

  it('is the hop a trusted proxy appended, and never one the client wrote before it', () => {
    expect(resolveClientAddress('127.0.0.1', '198.51.100.1', loopback)).toBe('198.51.100.1');
    // The client sent "X-Forwarded-For: 6.6.6.6"; nginx appended the real peer.
    expect(resolveClientAddress('127.0.0.1', '6.6.6.6, 198.51.100.1', loopback)).toBe('198.51.100.1');
  });

  it('walks through a chain of trusted proxies', () => {
    const chain = parseTrustedProxies('127.0.0.1/32,10.0.0.0/8');
    expect(resolveClientAddress('127.0.0.1', '6.6.6.6, 198.51.100.1, 10.1.2.3', chain)).toBe('198.51.100.1');
    expect(resolveClientAddress('127.0.0.1', ['10.1.2.3'], chain)).toBe('10.1.2.3');
  });

  it('ignores the header when the peer itself is not a trusted proxy', () => {
    expect(resolveClientAddress('203.0.113.5', '198.51.100.1', loopback)).toBe('203.0.113.5');
  });

  it('stops at the last address it can vouch for when a hop is not an address', () => {
    expect(resolveClientAddress('127.0.0.1', 'not-an-ip', loopback)).toBe('127.0.0.1');
  });

  it('reports an IPv4 peer on a dual-stack socket as plain IPv4', () => {
    expect(resolveClientAddress('::ffff:127.0.0.1', '198.51.100.9', loopback)).toBe('198.51.100.9');
    expect(resolveClientAddress('::ffff:203.0.113.5', undefined, none)).toBe('203.0.113.5');
  });

  it('refuses a malformed trusted-proxy list', () => {
    expect(() => parseTrustedProxies('127.0.0.1/33')).toThrow(/prefix/);
    expect(() => parseTrustedProxies('localhost')).toThrow(/not an IP/);
    expect(() => parseTrustedProxies('10.0.0.0/x')).toThrow(/prefix/);
  });

  it('is read by the data layer only from the header Kiji sets, and only if it is an address', () => {
    expect(clientAddressOf(new Headers({ [CLIENT_ADDRESS_HEADER]: '198.51.100.1' }))).toBe('198.51.100.1');
    expect(clientAddressOf(new Headers({ [CLIENT_ADDRESS_HEADER]: '<script>' }))).toBe('unknown');
    expect(clientAddressOf(new Headers({ 'x-forwarded-for': '198.51.100.1' }))).toBe('unknown');
  });
});
