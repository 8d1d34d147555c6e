import { afterEach, describe, expect, it } from 'vitest';
import { reportCacheFailure, resetCacheFailureLog } from './failures.mjs';

afterEach(resetCacheFailureLog);

describe('cache failure lines', () => {
  it('logs the first failure of each kind in a minute, then says how many it held back', () => {
    const lines: Record<string, unknown>[] = [];
    const write = (fields: Record<string, unknown>) => void lines.push(fields);
    const start = Date.parse('2026-11-29T09:00:00Z');
    reportCacheFailure('entry-read', new Error('ECONNREFUSED'), write, start);
    reportCacheFailure('entry-read', new Error('ECONNREFUSED'), write, start + 1_000);
    reportCacheFailure('entry-read', new Error('ECONNREFUSED'), write, start + 2_000);
    reportCacheFailure('tag-expire', new Error('timeout'), write, start + 3_000);
    reportCacheFailure('entry-read', new Error('ECONNREFUSED'), write, start + 61_000);
    expect(lines).toEqual([
      { kind: 'entry-read', message: 'ECONNREFUSED' },
      { kind: 'tag-expire', message: 'timeout' },
      { kind: 'entry-read', message: 'ECONNREFUSED', suppressedSinceLastLine: 2 },
    ]);
  });
});
