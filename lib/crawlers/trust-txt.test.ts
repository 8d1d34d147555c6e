import { describe, expect, it } from 'vitest';
import { trustTxt } from './trust-txt';

describe('trust.txt', () => {
  it('declares the associations, the accounts and the contact page, one variable=value a line', () => {
    const text = trustTxt({
      siteName: 'Kiji',
      contactPage: 'https://kiji.example.jp/contact',
      social: ['https://social.example/@kiji', 'https://video.example/kiji'],
      belongto: ['https://press.example.org/'],
    });
    const lines = text.split('\n').filter((line) => line && !line.startsWith('#'));
    expect(lines).toEqual([
      'belongto=https://press.example.org/',
      'social=https://social.example/@kiji',
      'social=https://video.example/kiji',
      'contact=https://kiji.example.jp/contact',
    ]);
    expect(text.endsWith('\n')).toBe(true);
  });

  it('exists with only the contact page when the publisher names nothing else', () => {
    const text = trustTxt({
      siteName: 'Kiji',
      contactPage: 'https://kiji.example.jp/contact',
      social: [],
      belongto: [],
    });
    expect(text.split('\n').filter((line) => line && !line.startsWith('#'))).toEqual([
      'contact=https://kiji.example.jp/contact',
    ]);
  });
});
