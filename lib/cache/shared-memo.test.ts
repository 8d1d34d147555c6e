import { afterEach, describe, expect, it, vi } from 'vitest';
import { log } from '../platform/logger.mjs';
import { resetCacheFailureLog } from './failures.mjs';
import { memoKeys } from './keys';
import { readMemo } from './shared-memo';
import { sharedStore } from './store.mjs';

describe('the shared memo', () => {
  it('answers repeated checks from the store, and loads again once one of its tags is expired', async () => {
    let loads = 0;
    const check = () =>
      readMemo(memoKeys.disclosure('a'), {
        freshness: 'fresh',
        tags: ['article:a', 'articles'],
        load: async () => ++loads,
      });
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
      readMemo(memoKeys.redirect('concurrent'), {
        freshness: 'fresh',
        tags: [],
        load: async () => {
          loads++;
          await new Promise((resolve) => setTimeout(resolve, 20));
          return 'value';
        },
      });
    expect(await Promise.all([slow(), slow(), slow()])).toEqual(['value', 'value', 'value']);
    expect(loads).toBe(1);
  });
});

describe('how old an answer may be', () => {
  it('gives the last known answer when its tags expired after it was loaded, where a fresh read gives none', async () => {
    const key = memoKeys.disclosure('last-known');
    // As another instance sees it in Redis: the answer was loaded, then a write expired its tag.
    await sharedStore().expireTags(['article:last-known'], Date.now() - 500);
    await sharedStore().setMemo(
      key,
      { value: 'ai-generated', tags: ['article:last-known'], loadedAt: Date.now() - 1_000 },
      60_000,
    );
    expect(await readMemo(key, { freshness: 'fresh' })).toBeNull();
    expect(await readMemo(key, { freshness: 'last-known' })).toEqual({ value: 'ai-generated' });
  });
});

describe('a store that fails', () => {
  afterEach(() => {
    vi.restoreAllMocks();
    resetCacheFailureLog();
  });

  it('is a miss: the answer is loaded, and the failure is logged once a minute per kind, not for every read', async () => {
    const store = sharedStore();
    vi.spyOn(store, 'getMemo').mockRejectedValue(new Error("READONLY You can't write against a read only replica"));
    vi.spyOn(store, 'setMemo').mockRejectedValue(new Error('connection lost'));
    const logged = vi.spyOn(log, 'warn').mockImplementation(() => {});
    let loads = 0;
    for (let i = 0; i < 5; i += 1) {
      expect(
        await readMemo(memoKeys.redirect(`failing-${i}`), { freshness: 'fresh', tags: [], load: async () => ++loads }),
      ).toBe(i + 1);
    }
    expect(logged.mock.calls.map(([event, fields]) => [event, fields?.kind])).toEqual([
      ['cache_failure', 'memo-read'],
      ['cache_failure', 'memo-write'],
    ]);
  });
});
