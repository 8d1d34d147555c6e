import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { drawableText, fontCoverage } from './font-coverage';

// The font the generated images use (lib/crawlers/generated-images.ts), read as they read it.
const font = readFileSync(
  new URL('../../node_modules/@expo-google-fonts/noto-sans-jp/700Bold/NotoSansJP_700Bold.ttf', import.meta.url),
);
const covers = fontCoverage(font);
const drawn = (text: string) => drawableText(text, covers);

describe("what the share images' font can draw", () => {
  it('draws Japanese, Latin letters and the punctuation of a real headline', () => {
    const headline = '台風10号、計画運休を発表 — JR東日本「夜9時までに」（速報）';
    for (const character of headline) expect(covers(character.codePointAt(0)!), character).toBe(true);
    expect(drawn(headline)).toBe(headline);
  });

  it('draws ideographs outside the Basic Multilingual Plane that names use (𠮷野家)', () => {
    expect(drawn('𠮷野家')).toBe('𠮷野家');
  });

  it('leaves out what it cannot draw, which next/og would otherwise fetch from the network', () => {
    expect(covers(0x200b)).toBe(false);
    expect(covers('📰'.codePointAt(0)!)).toBe(false);
    expect(drawn('速報📰 台風\u200b接近')).toBe('速報 台風接近');
    expect(drawn('📰 速報')).toBe('速報');
  });
});
