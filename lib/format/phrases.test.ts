import { describe, expect, it } from 'vitest';
import { phrasesOf, withPhraseBreaks } from './phrases';

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

  it('mark the breaks with zero-width spaces for the share image, and change nothing else', () => {
    const text = 'トランプ大統領、即時停戦求めるも軍事支援見送り';
    const marked = withPhraseBreaks(text);
    expect(marked.replaceAll('\u200b', '')).toBe(text);
    expect(marked).toContain('\u200b');
  });
});
