import { afterAll, describe, expect, it } from 'vitest';
import { cliActor } from '../auth/actor';
import { disconnectDb } from '../platform/db';
import { saveArticle } from './save';
import { blankFormValues } from '../articles/input';

afterAll(disconnectDb);

describe('a refused save', () => {
  it('lists every problem of an empty form at once, not two now and five more after they are fixed', async () => {
    const result = await saveArticle(cliActor, { intent: 'publish', values: blankFormValues() });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(Object.keys(result.errors)).toEqual(
      expect.arrayContaining(['title', 'slug', 'lead', 'sections.0.heading', 'sections.0.body', 'noSourcesReason']),
    );
    expect(result.message).toBe('入力内容を確認してください');
  });

  it('lists the missing image words and what publishing needs together', async () => {
    const result = await saveArticle(cliActor, {
      intent: 'publish',
      values: { ...blankFormValues(), title: '題', slug: 'all-problems', leadImage: '1' },
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(Object.keys(result.errors)).toEqual(expect.arrayContaining(['leadImageAlt', 'lead', 'sections.0.body']));
  });
});
