import { describe, expect, it } from 'vitest';
import {
  findJapaneseDate,
  formatJapaneseDate,
  formatJapaneseDateTime,
  formatLiveTime,
  toTokyoDateKey,
  toTokyoIso,
  tokyoYearMonth,
} from './dates';

describe('Japan-time dates', () => {
  it('writes ISO 8601 with a +09:00 offset whatever the server zone', () => {
    expect(toTokyoIso(new Date('2025-10-18T05:30:00Z'))).toBe('2025-10-18T14:30:00+09:00');
  });

  it('counts the month in Japan, as the archive does: 30 September 15:30 UTC is October there', () => {
    expect(tokyoYearMonth(new Date('2025-09-30T15:30:00Z'))).toEqual({ year: 2025, month: 10 });
    expect(tokyoYearMonth(new Date('2025-09-30T14:59:59Z'))).toEqual({ year: 2025, month: 9 });
  });

  it('rolls over to the next day in Japan late in the UTC evening', () => {
    const lateUtc = new Date('2025-10-18T20:00:00Z');
    expect(formatJapaneseDate(lateUtc)).toBe('2025年10月19日');
    expect(toTokyoDateKey(lateUtc)).toBe('2025-10-19');
  });

  it('shows the time only when the dateline has one', () => {
    expect(formatJapaneseDateTime(new Date('2025-10-17T15:00:00Z'))).toBe('2025年10月18日');
    expect(formatJapaneseDateTime(new Date('2025-10-18T05:07:00Z'))).toBe('2025年10月18日 14時7分');
    expect(formatJapaneseDateTime(new Date('2025-10-18T09:30:00Z'))).toBe('2025年10月18日 18時30分');
    expect(formatJapaneseDateTime(new Date('2025-10-18T09:00:00Z'))).toBe('2025年10月18日 18時');
  });

  it('finds the first real Japanese date in a lead as midnight in Japan', () => {
    expect(findJapaneseDate('去る2025年10月18日、会談が')?.toISOString()).toBe('2025-10-17T15:00:00.000Z');
    expect(findJapaneseDate('2025年2月30日と2025年3月1日')?.toISOString()).toBe('2025-02-28T15:00:00.000Z');
    expect(findJapaneseDate('日付のない文')).toBeNull();
  });
});

describe('formatLiveTime', () => {
  const latest = new Date('2026-12-06T09:40:00Z'); // 18:40 in Japan
  it('writes an update of the same Japanese day as 18時32分, minutes always written', () => {
    expect(formatLiveTime(new Date('2026-12-06T09:32:00Z'), latest)).toBe('18時32分');
    expect(formatLiveTime(new Date('2026-12-06T09:00:00Z'), latest)).toBe('18時00分');
  });
  it('adds the date to an update of an earlier Japanese day, and the year to one of an earlier year', () => {
    expect(formatLiveTime(new Date('2026-12-05T14:59:00Z'), latest)).toBe('12月5日 23時59分');
    expect(formatLiveTime(new Date('2026-01-01T00:00:00Z'), latest)).toBe('1月1日 9時00分');
    expect(formatLiveTime(new Date('2025-12-30T15:00:00Z'), latest)).toBe('2025年12月31日 0時00分');
  });
});
