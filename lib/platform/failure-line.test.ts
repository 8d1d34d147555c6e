import { describe, expect, it } from 'vitest';
import { oneLineFailure } from './failure-line';

describe('a failure as one line', () => {
  it('keeps only the call and the cause of a Prisma error, without the dump of its call site', () => {
    // As Prisma 7 wrote it when the table was missing.
    const error = new Error(
      '\nInvalid `db().category.createMany()` invocation in\n/work/kiji/lib/articles/categories.ts:12:27\n\n  9 export async function ensureDefaultCategories() {\n  10   \n  11 \n→ 12   await db().category.createMany(\nThe table `public.categories` does not exist in the current database.',
    );
    expect(oneLineFailure(error)).toBe(
      'db().category.createMany(): The table `public.categories` does not exist in the current database.',
    );
  });

  it('joins the lines of any other message', () => {
    expect(oneLineFailure(new Error('first\n  second\n'))).toBe('first second');
    expect(oneLineFailure('plain')).toBe('plain');
  });
});
