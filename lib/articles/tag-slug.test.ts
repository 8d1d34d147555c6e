import { describe, expect, it } from 'vitest';
import { tagRedirectPath, tagSlugFor } from './tag-slug';

describe('a tag’s one canonical URL', () => {
  it('is the name in NFKC, lower case', () => {
    expect(tagSlugFor('生成AI')).toBe('生成ai');
    expect(tagSlugFor('生成ＡＩ')).toBe('生成ai');
    expect(tagSlugFor(' ｶﾀｶﾅ ')).toBe('カタカナ');
  });

  it('sends every case and width variant of a name to the canonical page, keeping the page number', () => {
    const canonical = `/tag/${encodeURIComponent('生成ai')}`;
    expect(canonical).toBe('/tag/%E7%94%9F%E6%88%90ai');
    for (const variant of ['生成AI', '生成Ai', '生成ＡＩ', '生成ａｉ']) {
      expect(tagRedirectPath(variant), variant).toBe(canonical);
    }
    expect(tagRedirectPath('生成AI', 3)).toBe(`${canonical}?page=3`);
  });

  it('leaves the canonical URL where it is', () => {
    expect(tagRedirectPath('生成ai')).toBeNull();
    expect(tagRedirectPath('ウクライナ', 2)).toBeNull();
  });
});
