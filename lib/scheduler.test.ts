import { describe, expect, it } from 'vitest';
import { schedulerIntervalMs } from './scheduler';

describe('the scheduler interval from KIJI_SCHEDULER_INTERVAL_MS', () => {
  it('is 10 s when unset, and whole milliseconds when set; 0 turns the scheduler off', () => {
    expect(schedulerIntervalMs(undefined)).toBe(10_000);
    expect(schedulerIntervalMs('2500')).toBe(2_500);
    expect(schedulerIntervalMs('0')).toBe(0);
  });

  it('refuses "10s" with a message instead of reading it as NaN, which Node would run every millisecond', () => {
    expect(() => schedulerIntervalMs('10s')).toThrow('KIJI_SCHEDULER_INTERVAL_MS must be a whole number of milliseconds');
    expect(() => schedulerIntervalMs('-5')).toThrow('KIJI_SCHEDULER_INTERVAL_MS');
  });
});
