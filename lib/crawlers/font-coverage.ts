/**
 * Which characters a TrueType/OpenType font draws, read from its `cmap` table. The image routes
 * keep only those: Satori (inside next/og) fetches a missing glyph's font from Google Fonts, or an
 * emoji from a CDN, at run time, and Kiji never downloads anything while it runs. Pure, so that it
 * is tested against the font Kiji ships.
 */
export type FontCoverage = (codePoint: number) => boolean;

type Range = readonly [first: number, last: number];

function rangesOf(font: Buffer): Range[] {
  const tables = font.readUInt16BE(4);
  let cmap = -1;
  for (let i = 0; i < tables; i += 1) {
    const record = 12 + i * 16;
    if (font.toString('latin1', record, record + 4) === 'cmap') cmap = font.readUInt32BE(record + 8);
  }
  if (cmap < 0) throw new Error('font has no cmap table');
  // Prefer the full Unicode table (format 12) over the Basic Multilingual Plane one (format 4).
  let best: { offset: number; format: number } | null = null;
  for (let i = 0; i < font.readUInt16BE(cmap + 2); i += 1) {
    const record = cmap + 4 + i * 8;
    const platform = font.readUInt16BE(record);
    const encoding = font.readUInt16BE(record + 2);
    const offset = cmap + font.readUInt32BE(record + 4);
    const format = font.readUInt16BE(offset);
    const unicode = platform === 0 || (platform === 3 && (encoding === 1 || encoding === 10));
    if (unicode && (format === 12 || (format === 4 && best?.format !== 12))) best = { offset, format };
  }
  if (!best) throw new Error('font has no Unicode cmap subtable');
  const { offset, format } = best;
  const ranges: Range[] = [];
  if (format === 12) {
    const groups = font.readUInt32BE(offset + 12);
    for (let i = 0; i < groups; i += 1) {
      const group = offset + 16 + i * 12;
      ranges.push([font.readUInt32BE(group), font.readUInt32BE(group + 4)]);
    }
    return ranges;
  }
  const segments = font.readUInt16BE(offset + 6) / 2;
  const ends = offset + 14;
  const starts = ends + segments * 2 + 2;
  const deltas = starts + segments * 2;
  const rangeOffsets = deltas + segments * 2;
  for (let i = 0; i < segments; i += 1) {
    const first = font.readUInt16BE(starts + i * 2);
    const last = font.readUInt16BE(ends + i * 2);
    if (first === 0xffff) continue;
    const rangeOffset = font.readUInt16BE(rangeOffsets + i * 2);
    if (rangeOffset === 0) {
      const delta = font.readInt16BE(deltas + i * 2);
      for (let code = first; code <= last; code += 1) if (((code + delta) & 0xffff) !== 0) ranges.push([code, code]);
      continue;
    }
    for (let code = first; code <= last; code += 1) {
      const glyphAt = rangeOffsets + i * 2 + rangeOffset + (code - first) * 2;
      if (font.readUInt16BE(glyphAt) !== 0) ranges.push([code, code]);
    }
  }
  return ranges;
}

export function fontCoverage(font: Buffer): FontCoverage {
  const ranges = rangesOf(font).sort((a, b) => a[0] - b[0]);
  return (codePoint) => {
    let low = 0;
    let high = ranges.length - 1;
    while (low <= high) {
      const middle = (low + high) >> 1;
      const [first, last] = ranges[middle]!;
      if (codePoint < first) high = middle - 1;
      else if (codePoint > last) low = middle + 1;
      else return true;
    }
    return false;
  };
}

/**
 * The text with every character the font cannot draw removed (an emoji, a zero-width space, a
 * rare ideograph), spaces and line breaks kept as they lay out without a glyph. Runs of spaces
 * left behind collapse to one.
 */
export function drawableText(text: string, covers: FontCoverage): string {
  let kept = '';
  for (const character of text) {
    const codePoint = character.codePointAt(0)!;
    if (character === ' ' || character === '\n' || covers(codePoint)) kept += character;
  }
  return kept.replace(/ {2,}/g, ' ').trim();
}
