/**
 * The checkable facts of a Japanese text, each with a normalised form that the same fact written
 * another way shares (docs/decisions/0028): numbers with their units (full-width digits, kanji
 * numerals, 万・億・兆, thousands separators: 三万二千人 = 32,000人 = 3万2000人), dates (2025年10月18日,
 * 10月18日, 令和7年, 2025/10/18), times (午後3時 = 15時), quoted phrases (「…」) and names in katakana
 * or Latin letters. Pure: the checker, its command and the editor's page share it.
 */

export type DateParts = { y: number | null; m: number | null; d: number | null };

export type Fact =
  | { kind: 'number'; text: string; key: string }
  | { kind: 'date'; text: string; key: string; date: DateParts }
  | { kind: 'time'; text: string; key: string; hour: number; minute: number; meridiem: boolean }
  | { kind: 'quote' | 'name'; text: string; key: string };

/** NFKC, citation markers dropped: the form both the article and its sources are read in. */
export function normalizeText(text: string): string {
  return text.normalize('NFKC').replace(/\[\d{1,3}\]/g, '');
}

/** The form a phrase is searched for in: NFKC, no spaces, Latin letters in lower case. */
export function searchForm(text: string): string {
  return text.normalize('NFKC').replace(/\s+/g, '').toLowerCase();
}

const KANJI_DIGITS: Record<string, number> = {
  〇: 0,
  零: 0,
  一: 1,
  二: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};
const SMALL_UNITS: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };
const BIG_UNITS: Record<string, number> = { 万: 1e4, 億: 1e8, 兆: 1e12 };

const isDigit = (c: string | undefined) => c !== undefined && c >= '0' && c <= '9';
const isKanjiDigit = (c: string | undefined) => c !== undefined && c in KANJI_DIGITS;
const isNumeralStart = (c: string | undefined) =>
  isDigit(c) || isKanjiDigit(c) || (c !== undefined && c in SMALL_UNITS);
const isLatin = (c: string | undefined) => c !== undefined && /[A-Za-z]/.test(c);

/** The value of a numeral such as 三万二千, 3万2000, 1億2千万, 二〇二五, 一・五 or 1,234.5. */
export function numeralValue(numeral: string): number | null {
  let total = 0;
  let section = 0;
  let current: number | null = null;
  let fraction = 0; // digits after a kanji decimal point, so far
  for (let i = 0; i < numeral.length;) {
    const c = numeral[i]!;
    if (isDigit(c)) {
      const match = /^\d+(?:,\d{3})*(?:\.\d+)?/.exec(numeral.slice(i))!;
      current = Number(match[0].replace(/,/g, ''));
      i += match[0].length;
      continue;
    }
    if (c === '・' || c === '.') {
      fraction = 1;
      current ??= 0;
    } else if (c in KANJI_DIGITS) {
      const digit = KANJI_DIGITS[c]!;
      if (fraction > 0) {
        current = (current ?? 0) + digit / 10 ** fraction;
        fraction += 1;
      } else {
        current = (current ?? 0) * 10 + digit;
      }
    } else if (c in SMALL_UNITS) {
      section += (current ?? 1) * SMALL_UNITS[c]!;
      current = null;
      fraction = 0;
    } else if (c in BIG_UNITS) {
      const amount = section + (current ?? 0);
      if (amount === 0) return null;
      total += amount * BIG_UNITS[c]!;
      section = 0;
      current = null;
      fraction = 0;
    } else {
      return null;
    }
    i += 1;
  }
  const value = total + section + (current ?? 0);
  return Number.isFinite(value) ? Number(value.toPrecision(12)) : null;
}

/** Units as written after a number, longest first, with the form they are compared in. */
const UNITS: [string, string][] = (
  [
    ['パーセント', '%'],
    ['%', '%'],
    ['ポイント', 'ポイント'],
    ['倍', '倍'],
    ['カ国', 'カ国'],
    ['か国', 'カ国'],
    ['ヶ国', 'カ国'],
    ['ヵ国', 'カ国'],
    ['カ月', 'カ月'],
    ['か月', 'カ月'],
    ['ヶ月', 'カ月'],
    ['ヵ月', 'カ月'],
    ['カ所', 'カ所'],
    ['か所', 'カ所'],
    ['ヶ所', 'カ所'],
    ['ヵ所', 'カ所'],
    ['年間', '年間'],
    ['年代', '年代'],
    ['週間', '週間'],
    ['日間', '日間'],
    ['時間', '時間'],
    ['世帯', '世帯'],
    ['議席', '議席'],
    ['キロメートル', 'km'],
    ['km', 'km'],
    ['キロ', 'キロ'],
    ['メートル', 'm'],
    ['トン', 'トン'],
    ['バレル', 'バレル'],
    ['リットル', 'L'],
    ['ドル', 'ドル'],
    ['ユーロ', 'ユーロ'],
    ['ウォン', 'ウォン'],
    ['ポンド', 'ポンド'],
    ['人', '人'],
    ['名', '人'],
    ['円', '円'],
    ['元', '元'],
    ['件', '件'],
    ['歳', '歳'],
    ['才', '歳'],
    ['回', '回'],
    ['社', '社'],
    ['台', '台'],
    ['機', '機'],
    ['基', '基'],
    ['隻', '隻'],
    ['発', '発'],
    ['票', '票'],
    ['個', '個'],
    ['枚', '枚'],
    ['頭', '頭'],
    ['戸', '戸'],
    ['棟', '棟'],
    ['校', '校'],
    ['位', '位'],
    ['割', '割'],
    ['度', '度'],
    ['株', '株'],
    ['店', '店'],
    ['例', '例'],
    ['年', '年'],
    ['分', '分'],
    ['秒', '秒'],
  ] as [string, string][]
).sort((a, b) => b[0].length - a[0].length);

function unitAt(text: string, at: number): { surface: string; unit: string } | null {
  const start = text[at] === ' ' ? at + 1 : at;
  for (const [surface, unit] of UNITS) {
    if (text.startsWith(surface, start)) return { surface: text.slice(at, start) + surface, unit };
  }
  return null;
}

/** A lone kanji numeral is a number only before one of these (一, 十, 百, 千 alone never: 一方, 十分, 千葉). */
const LONE_KANJI_UNITS = new Set(['%', '倍', '人', '円', 'ドル', '件', '歳', 'カ国', 'カ月', '回', '割', '年', '年間']);

const DIGIT_RUN = /\d+(?:,\d{3})*(?:\.\d+)?/y;

/** A fact and where it starts in the normalised text. */
export type Located = { fact: Fact; at: number };

/** Scans the numerals of `text` (already masked of dates and times) with their units. */
function numbers(text: string): Located[] {
  const facts: Located[] = [];
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i]!;
    if (!isNumeralStart(c)) continue;
    const before = text[i - 1];
    // Part of a name or a code: G7, F-16, COVID-19, v1.2.
    if (isLatin(before) || isDigit(before) || before === '.' || (before === '-' && isLatin(text[i - 2]))) {
      while (i + 1 < text.length && /[0-9A-Za-z.\-]/.test(text[i + 1]!)) i += 1;
      continue;
    }
    let end = i;
    while (end < text.length) {
      const ch = text[end]!;
      const previous = text[end - 1];
      if (isDigit(ch)) {
        // Digits after kanji digits start another word (二〇2 is not written), after 万 a new group (3万2000).
        if (end > i && isKanjiDigit(previous)) break;
        DIGIT_RUN.lastIndex = end;
        end += DIGIT_RUN.exec(text)![0].length;
      } else if (ch in KANJI_DIGITS) {
        // A kanji digit right after digits is the next word's (第2四半期), not this number's.
        if (end > i && isDigit(previous)) break;
        end += 1;
      } else if (ch in SMALL_UNITS || ch in BIG_UNITS) {
        end += 1;
      } else if (ch === '・' && isKanjiDigit(text[end - 1]) && isKanjiDigit(text[end + 1])) {
        end += 1;
      } else break;
    }
    const numeral = text.slice(i, end);
    const unit = unitAt(text, end);
    const value = numeralValue(numeral);
    const kanjiOnly = !/\d/.test(numeral);
    const next = i;
    i = end - 1;
    if (value === null || isLatin(text[end])) continue;
    if (kanjiOnly && numeral.length === 1 && (!unit || !LONE_KANJI_UNITS.has(unit.unit) || numeral === '一')) continue;
    if (kanjiOnly && !unit && !/[十百千万億兆]/.test(numeral)) continue;
    facts.push({
      at: next,
      fact: {
        kind: 'number',
        text: text.slice(next, end) + (unit?.surface ?? ''),
        key: `n:${value}:${unit?.unit ?? ''}`,
      },
    });
  }
  return facts;
}

const N = '[0-9〇一二三四五六七八九十]{1,4}';
const ERA_START: Record<string, number> = { 令和: 2018, 平成: 1988, 昭和: 1925 };

const DATE_PATTERNS: { pattern: RegExp; parts: (m: RegExpExecArray) => DateParts }[] = [
  {
    pattern: new RegExp(`(令和|平成|昭和)(元|${N})年(?:(${N})月(?:(${N})日)?)?`, 'g'),
    parts: (m) => ({
      y: ERA_START[m[1]!]! + (m[2] === '元' ? 1 : numeralValue(m[2]!)!),
      m: m[3] ? numeralValue(m[3]) : null,
      d: m[4] ? numeralValue(m[4]) : null,
    }),
  },
  {
    pattern: new RegExp(`(\\d{4}|[〇一二三四五六七八九]{4})年(?:(${N})月(?:(${N})日)?)?`, 'g'),
    parts: (m) => ({
      y: numeralValue(m[1]!),
      m: m[2] ? numeralValue(m[2]) : null,
      d: m[3] ? numeralValue(m[3]) : null,
    }),
  },
  {
    pattern: /(?<![\d.])(\d{4})[/.-](\d{1,2})[/.-](\d{1,2})(?![\d.])/g,
    parts: (m) => ({ y: Number(m[1]), m: Number(m[2]), d: Number(m[3]) }),
  },
  {
    pattern: new RegExp(`(?<![0-9〇一二三四五六七八九十])(${N})月(${N})日`, 'g'),
    parts: (m) => ({ y: null, m: numeralValue(m[1]!), d: numeralValue(m[2]!) }),
  },
];
const MONTH_ONLY = /(?<![\d.])(\d{1,2})月(?![\d日])/g;
const DAY_ONLY = /(?<![\d.月])(\d{1,2})日(?!間)/g;
const TIMES = [
  /(午前|午後)?(?<![\d.])(\d{1,2})時(?!間)(?:(\d{1,2})分|(半))?/g,
  /(?<![\d.:])(\d{1,2}):(\d{2})(?![\d:])/g,
];

const dateKey = ({ y, m, d }: DateParts) => `d:${y ?? ''}-${m ?? ''}-${d ?? ''}`;

function validDate({ y, m, d }: DateParts): boolean {
  return (
    (y === null || (y >= 1000 && y <= 2999)) &&
    (m === null || (m >= 1 && m <= 12)) &&
    (d === null || (d >= 1 && d <= 31))
  );
}

/** Dates and times, and the text with them blanked out, so that their numbers are not counted twice. */
function datesAndTimes(text: string): { facts: Located[]; rest: string } {
  const found: Located[] = [];
  let rest = text;
  const take = (pattern: RegExp, make: (m: RegExpExecArray) => Fact | null) => {
    pattern.lastIndex = 0;
    const any = pattern.test(rest);
    pattern.lastIndex = 0;
    if (!any) return;
    let masked = '';
    let last = 0;
    for (const match of rest.matchAll(pattern)) {
      const fact = make(match as RegExpExecArray);
      if (!fact) continue;
      found.push({ at: match.index!, fact });
      masked += rest.slice(last, match.index!) + ' '.repeat(match[0].length);
      last = match.index! + match[0].length;
    }
    rest = masked + rest.slice(last);
  };
  for (const { pattern, parts } of DATE_PATTERNS) {
    take(pattern, (m) => {
      const date = parts(m);
      return validDate(date) ? { kind: 'date', text: m[0], key: dateKey(date), date } : null;
    });
  }
  take(TIMES[0]!, (m) => {
    const hour = Number(m[2]) + (m[1] === '午後' && Number(m[2]) < 12 ? 12 : 0);
    const minute = m[4] ? 30 : Number(m[3] ?? 0);
    if (hour > 24 || minute > 59) return null;
    return { kind: 'time', text: m[0], key: `t:${hour}:${minute}`, hour, minute, meridiem: Boolean(m[1]) };
  });
  take(TIMES[1]!, (m) => {
    const hour = Number(m[1]);
    const minute = Number(m[2]);
    if (hour > 24 || minute > 59) return null;
    return { kind: 'time', text: m[0], key: `t:${hour}:${minute}`, hour, minute, meridiem: true };
  });
  take(MONTH_ONLY, (m) => {
    const date = { y: null, m: Number(m[1]), d: null };
    return validDate(date) ? { kind: 'date', text: m[0], key: dateKey(date), date } : null;
  });
  take(DAY_ONLY, (m) => {
    const date = { y: null, m: null, d: Number(m[1]) };
    return validDate(date) ? { kind: 'date', text: m[0], key: dateKey(date), date } : null;
  });
  return { facts: found.sort((a, b) => a.at - b.at), rest };
}

const QUOTE = /[「『]([^「」『』]{2,120})[」』]/g;
const KATAKANA_NAME = /[ァ-ヺ][ァ-ヺー]*(?:[・=][ァ-ヺ][ァ-ヺー]*)*/g;
const LATIN_NAME = /(?<![A-Za-z0-9])[A-Za-z][A-Za-z0-9&'’.-]*(?:[ ][A-Z][A-Za-z0-9&'’.-]*)*/g;

function phrases(text: string): Located[] {
  const facts: Located[] = [];
  for (const match of text.matchAll(QUOTE)) {
    facts.push({ at: match.index!, fact: { kind: 'quote', text: match[1]!, key: `q:${searchForm(match[1]!)}` } });
  }
  const outsideQuotes = text.replace(QUOTE, (whole) => ' '.repeat(whole.length));
  const names: { at: number; text: string }[] = [];
  for (const match of outsideQuotes.matchAll(KATAKANA_NAME)) {
    const before = outsideQuotes[match.index! - 1];
    // A unit after a number (30パーセント, 80ドル) is part of the figure, not a name.
    const afterNumber = isNumeralStart(before) || (before !== undefined && before in BIG_UNITS);
    if (!afterNumber && match[0].replace(/ー/g, '').length >= 3) names.push({ at: match.index!, text: match[0] });
  }
  for (const match of outsideQuotes.matchAll(LATIN_NAME)) {
    const name = match[0].replace(/[.’'-]+$/, '');
    // A name has a capital (NATO, OpenAI, iPhone); plain words in Latin letters are not checked.
    if (name.length >= 2 && /[A-Z]/.test(name)) names.push({ at: match.index!, text: name });
  }
  for (const name of names.sort((a, b) => a.at - b.at)) {
    facts.push({ at: name.at, fact: { kind: 'name', text: name.text, key: `s:${searchForm(name.text)}` } });
  }
  return facts;
}

/**
 * Every fact of an already normalised text with where it starts, every occurrence: the checker
 * indexes a source's whole text with it in one pass. Without phrases, only figures, dates and times.
 */
export function locateFacts(normal: string, { phrases: withPhrases = true } = {}): Located[] {
  const { facts: when, rest } = datesAndTimes(normal);
  return [...when, ...numbers(rest), ...(withPhrases ? phrases(normal) : [])];
}

/** Every checkable fact of a text, in order of kind (dates, times, numbers, quotes, names), once each. */
export function extractFacts(text: string): Fact[] {
  const seen = new Set<string>();
  return locateFacts(normalizeText(text))
    .map((located) => located.fact)
    .filter((fact) => !seen.has(fact.key) && Boolean(seen.add(fact.key)));
}
