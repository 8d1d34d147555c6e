import { describe, expect, it } from 'vitest';
import { memoized } from './shared-memo';
import { sharedStore } from './store.mjs';

describe('the shared memo', () => {
  it('answers repeated checks from the store, and loads again once one of its tags is expired', async () => {
    let loads = 0;
    const check = () => memoized('article:a', ['article:a', 'articles'], async () => ++loads);
    expect(await check()).toBe(1);
    expect(await check()).toBe(1);
    await sharedStore().expireTags(['article:b'], Date.now());
    expect(await check()).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 2));
    await sharedStore().expireTags(['articles'], Date.now());
    expect(await check()).toBe(2);
    expect(await check()).toBe(2);
  });
});

describe('the shared memo under concurrency', () => {
  it('loads once for concurrent asks of the same key', async () => {
    let loads = 0;
    const slow = () =>
      memoized('concurrent', [], async () => {
        loads++;
        await new Promise((resolve) => setTimeout(resolve, 20));
        return 'value';
      });
    expect(await Promise.all([slow(), slow(), slow()])).toEqual(['value', 'value', 'value']);
    expect(loads).toBe(1);
  });
});
