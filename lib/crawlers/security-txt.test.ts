import { describe, expect, it } from 'vitest';
import { securityTxt } from './security-txt';

const site = {
  contactPage: 'https://kiji.example.jp/contact',
  canonical: 'https://kiji.example.jp/.well-known/security.txt',
};

describe('security.txt', () => {
  it('names the operator’s contact, an expiry 180 days ahead, the languages and its canonical URL', () => {
    const text = securityTxt({ ...site, contact: 'mailto:security@kiji.example.jp' }, new Date('2026-11-29T20:00:00Z'));
    expect(text).toBe(
      [
        'Contact: mailto:security@kiji.example.jp',
        'Expires: 2027-05-28T00:00:00Z',
        'Preferred-Languages: ja, en',
        'Canonical: https://kiji.example.jp/.well-known/security.txt',
        '',
      ].join('\n'),
    );
  });

  it('exists before the operator names a contact, naming the site’s contact page', () => {
    const text = securityTxt({ ...site, contact: undefined }, new Date('2026-12-06T03:00:00Z'));
    expect(text).toContain('Contact: https://kiji.example.jp/contact\n');
    expect(text).toContain('Expires: 2027-06-04T00:00:00Z\n');
  });

  it('rolls its expiry forward with the day it is served, always less than a year ahead', () => {
    const now = new Date('2030-01-01T12:00:00Z');
    const expires = new Date(/Expires: (\S+)/.exec(securityTxt({ ...site, contact: undefined }, now))![1]!);
    expect(expires.getTime()).toBeGreaterThan(now.getTime());
    expect(expires.getTime() - now.getTime()).toBeLessThan(365 * 86_400_000);
  });
});
