import { describe, expect, it } from 'vitest';
import { securityTxt } from './security-txt';

describe('security.txt', () => {
  it('names the operator’s contact, an expiry a year ahead, the languages and its canonical URL', () => {
    const text = securityTxt(
      'mailto:security@kiji.example.jp',
      'https://kiji.example.jp/.well-known/security.txt',
      new Date('2026-11-29T20:00:00Z'),
    );
    expect(text).toBe(
      [
        'Contact: mailto:security@kiji.example.jp',
        'Expires: 2027-11-29T00:00:00Z',
        'Preferred-Languages: ja, en',
        'Canonical: https://kiji.example.jp/.well-known/security.txt',
        '',
      ].join('\n'),
    );
  });

  it('does not exist until the operator names a contact', () => {
    expect(securityTxt(undefined, 'https://kiji.example.jp/.well-known/security.txt')).toBeNull();
  });
});
