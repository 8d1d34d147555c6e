import { describe, expect, it } from 'vitest';
import { cpuTicksOfStat, processCpuMs } from './process-cpu';

describe('process CPU for the bench', () => {
  it('adds user and system time counted from after the command name, even one with spaces and parentheses', () => {
    const stat = '4242 (node (kiji) x) S 1 4242 4242 0 -1 4194560 120 0 0 0 731 269 0 0 20 0 11 0 88 1 2';
    expect(cpuTicksOfStat(stat)).toBe(1000);
  });

  it('reads a process that exists, and null for one that does not', () => {
    expect(processCpuMs(process.pid)).toBeGreaterThan(0);
    expect(processCpuMs(2 ** 30)).toBeNull();
  });
});
