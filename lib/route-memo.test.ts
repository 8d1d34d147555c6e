import { describe, expect, it } from 'vitest';
import { forgetTags, memoized } from './route-memo';

describe('the proxy route memo', () => {
  it('answers repeated checks from memory, and forgets them when a tag is expired', async () => {
    let loads = 0;
    const check = () => memoized('article:a', ['article:a', 'articles'], async () => ++loads);
    expect(await check()).toBe(1);
    expect(await check()).toBe(1);
    forgetTags(['articles']);
    expect(await check()).toBe(2);
    forgetTags(['article:b']);
    expect(await check()).toBe(2);
  });
});
