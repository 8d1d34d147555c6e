import { describe, expect, it } from 'vitest';
import { memoKeys } from '../cache/keys';
import { learnNotFound, notFoundPage } from '../cache/known-missing';
import { sharedStore } from '../cache/store.mjs';
import { isKnownMissing } from './known-missing';

const store = sharedStore();
const remember = (key: ReturnType<typeof memoKeys.disclosure>, value: unknown) =>
  store.setMemo(key, { value, tags: ['articles'], loadedAt: Date.now() - 10 }, 60_000);
const page = { body: Buffer.from('<h1>ページが見つかりません</h1>'), headers: { 'Content-Type': 'text/html' } };

describe('knowing a page is missing without asking Next', () => {
  it('knows a path no route can match', async () => {
    expect(await isKnownMissing('/articles/UPPER-case')).toBe(true);
    expect(await isKnownMissing('/articles/a/b')).toBe(true);
  });

  it('knows an article only when the proxy remembered it missing and not redirected', async () => {
    expect(await isKnownMissing('/articles/gone')).toBe(false);
    await remember(memoKeys.disclosure('gone'), null);
    expect(await isKnownMissing('/articles/gone')).toBe(false);
    await remember(memoKeys.redirect('gone'), 'elsewhere');
    expect(await isKnownMissing('/articles/gone')).toBe(false);
    await remember(memoKeys.redirect('gone'), null);
    expect(await isKnownMissing('/articles/gone')).toBe(true);
    await remember(memoKeys.disclosure('here'), 'ai-generated');
    await remember(memoKeys.redirect('here'), null);
    expect(await isKnownMissing('/articles/here')).toBe(false);
  });

  it('knows a listing the proxy remembered as missing', async () => {
    expect(await isKnownMissing('/category/nowhere?page=3')).toBe(false);
    await remember(memoKeys.categoryPage('nowhere', 3), false);
    expect(await isKnownMissing('/category/nowhere?page=3')).toBe(true);
  });

  it('learns paths that match no route from Next’s 404s, and the page to send for them', async () => {
    expect(await isKnownMissing('/wp-login.php')).toBe(false);
    learnNotFound('/wp-login.php?x=1', page);
    expect(await isKnownMissing('/wp-login.php')).toBe(true);
    expect(notFoundPage()?.bodies.identity).toBe(page.body);
    expect(notFoundPage()?.headers.vary).toBe('Accept-Encoding');
    // An article's 404 teaches the page, not a path: its existence can change with a write.
    learnNotFound('/articles/later', page);
    await remember(memoKeys.disclosure('later'), 'ai-generated');
    expect(await isKnownMissing('/articles/later')).toBe(false);
  });
});
