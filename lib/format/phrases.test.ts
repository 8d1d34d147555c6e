import { describe, expect, it } from 'vitest';
import { phrasesOf } from './phrases';

describe('Japanese phrases', () => {
  it('keep words whole where the review saw headlines break inside them', () => {
    const phrases = phrasesOf('台風接近で計画運休、夜9時までに反映へ');
    expect(phrases.join('')).toBe('台風接近で計画運休、夜9時までに反映へ');
    for (const word of ['計画運休', '夜9時まで', '反映']) {
      expect(
        phrases.some((phrase) => phrase.includes(word)),
        word,
      ).toBe(true);
    }
  });
});
