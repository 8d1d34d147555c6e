/** Kiji dates are shown and entered in Japan time, whatever the server's zone. */
export const SITE_TIME_ZONE = 'Asia/Tokyo';
const TOKYO_OFFSET_MS = 9 * 60 * 60 * 1000; // Japan has had no daylight saving time since 1951.

function tokyoParts(date: Date) {
  const shifted = new Date(date.getTime() + TOKYO_OFFSET_MS);
  return {
    year: shifted.getUTCFullYear(),
    month: shifted.getUTCMonth() + 1,
    day: shifted.getUTCDate(),
    hour: shifted.getUTCHours(),
    minute: shifted.getUTCMinutes(),
    second: shifted.getUTCSeconds(),
  };
}

const pad = (n: number) => String(n).padStart(2, '0');

/** ISO 8601 in Japan time with an explicit +09:00 offset, for `<time datetime>` and JSON-LD. */
export function toTokyoIso(date: Date): string {
  const p = tokyoParts(date);
  return `${p.year}-${pad(p.month)}-${pad(p.day)}T${pad(p.hour)}:${pad(p.minute)}:${pad(p.second)}+09:00`;
}

/** The month in Japan, as the archive pages count months. */
export function tokyoYearMonth(date: Date): { year: number; month: number } {
  const { year, month } = tokyoParts(date);
  return { year, month };
}

/** 2025-10-18, the calendar day in Japan. */
export function toTokyoDateKey(date: Date): string {
  const p = tokyoParts(date);
  return `${p.year}-${pad(p.month)}-${pad(p.day)}`;
}

/** 2025年10月18日 */
export function formatJapaneseDate(date: Date): string {
  const p = tokyoParts(date);
  return `${p.year}年${p.month}月${p.day}日`;
}

/**
 * 2025年10月18日 18時30分, as Japanese newspapers write a dateline (18時 on the hour), or the date
 * alone when the time is exactly midnight: a dateline entered without a time is stored as midnight.
 */
export function formatJapaneseDateTime(date: Date): string {
  const p = tokyoParts(date);
  if (p.hour === 0 && p.minute === 0) return formatJapaneseDate(date);
  return `${formatJapaneseDate(date)} ${p.hour}時${p.minute === 0 ? '' : `${p.minute}分`}`;
}

/**
 * A live update's time as a live page shows it: 18時32分 on the day of `today` (Japan time), and
 * 12月5日 18時32分 before it. Minutes are always written: readers compare updates by the minute.
 */
export function formatLiveTime(date: Date, today: Date): string {
  const p = tokyoParts(date);
  const t = tokyoParts(today);
  const time = `${p.hour}時${pad(p.minute)}分`;
  if (p.year === t.year && p.month === t.month && p.day === t.day) return time;
  return p.year === t.year ? `${p.month}月${p.day}日 ${time}` : `${p.year}年${p.month}月${p.day}日 ${time}`;
}

/** Midnight in Japan on the given calendar day, or null when the day does not exist. */
export function tokyoMidnight(year: number, month: number, day: number): Date | null {
  const utc = Date.UTC(year, month - 1, day);
  const check = new Date(utc);
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) {
    return null;
  }
  return new Date(utc - TOKYO_OFFSET_MS);
}

/** The first real date written as 2025年10月18日 in the text, as midnight in Japan. */
export function findJapaneseDate(text: string): Date | null {
  for (const match of text.matchAll(/(\d{4})年(\d{1,2})月(\d{1,2})日/g)) {
    const date = tokyoMidnight(Number(match[1]), Number(match[2]), Number(match[3]));
    if (date) return date;
  }
  return null;
}
