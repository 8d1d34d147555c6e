import { describe, expect, it } from 'vitest';
import { jaccard, NEAR_DUPLICATE_THRESHOLD, normalizeForShingles, passages, shingles, similarity } from './similarity';

const TEXT =
  '政府は18日、台風で被害を受けた地域への支援策を発表した。被災した中小企業への無利子融資と、住宅の再建費用の補助が柱となる。';

describe('near-duplicate similarity', () => {
  it('is 1 for the same text, whatever its spacing, width and punctuation', () => {
    expect(similarity(TEXT, ` ${TEXT.replaceAll('。', '.').replace('18', '１８')}  `)).toBe(1);
    expect(normalizeForShingles('Ａ Ｂ、c。')).toBe('abc');
  });

  it('stays above the warning threshold for a lightly reworded copy, and far below it for another article', () => {
    const reworded = TEXT.replace('発表した', '公表した').replace('柱となる', '中心となる');
    expect(similarity(TEXT, reworded)).toBeGreaterThan(NEAR_DUPLICATE_THRESHOLD);
    const other =
      '日銀は金融政策決定会合で、短期金利の誘導目標を据え置くことを決めた。物価の見通しは前回から引き上げた。';
    expect(similarity(TEXT, other)).toBeLessThan(0.1);
  });

  it('counts shared shingles over all distinct ones (Jaccard)', () => {
    expect(shingles('abcd')).toEqual(new Set(['abc', 'bcd']));
    expect(jaccard(new Set(['a', 'b']), new Set(['b', 'c']))).toBeCloseTo(1 / 3);
    expect(jaccard(new Set(), new Set())).toBe(1);
  });
});

describe('passages looked up word for word', () => {
  it('takes two runs of 16 characters from a third and two thirds into the text, skipping short words', () => {
    const text = `${'あ'.repeat(30)} ${'い'.repeat(20)} ab ${'う'.repeat(40)}`;
    expect(passages(text)).toEqual(['い'.repeat(16), 'う'.repeat(16)]);
    expect(passages('短い 文')).toEqual([]);
  });
});
