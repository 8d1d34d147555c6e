import { describe, expect, it } from 'vitest';
import { isForbiddenAddress } from './address-policy';

describe('the addresses the source fetcher refuses', () => {
  it('refuses loopback, private, link-local and shared IPv4 ranges', () => {
    for (const address of [
      '127.0.0.1',
      '127.8.9.10',
      '10.1.2.3',
      '172.16.0.1',
      '172.31.255.255',
      '192.168.1.1',
      '169.254.169.254',
      '100.64.0.1',
      '0.0.0.0',
      '224.0.0.1',
    ]) {
      expect(isForbiddenAddress(address), address).toBe(true);
    }
  });

  it('refuses the IPv6 loopback, unique-local and link-local ranges, and IPv4 written inside IPv6', () => {
    for (const address of [
      '::1',
      '[::1]',
      '::',
      'fd00::1',
      'fe80::1',
      '::ffff:127.0.0.1',
      '::ffff:7f00:1',
      '::ffff:10.0.0.1',
    ]) {
      expect(isForbiddenAddress(address), address).toBe(true);
    }
  });

  it('allows public addresses in both families', () => {
    for (const address of ['8.8.8.8', '203.104.209.6', '172.32.0.1', '2001:4860:4860::8888', '::ffff:8.8.8.8']) {
      expect(isForbiddenAddress(address), address).toBe(false);
    }
  });

  it('refuses anything that is not an IP address', () => {
    expect(isForbiddenAddress('localhost')).toBe(true);
  });
});
