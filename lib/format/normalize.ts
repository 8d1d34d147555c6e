/**
 * Text as Kiji stores it, whatever way it came in (a browser form, a file, JSON, the CLI):
 * line breaks are `\n` (browsers submit a textarea's as `\r\n`, old files use `\r`), no byte-order
 * mark, no spaces at the end of a line, and Unicode in NFC (so that が typed as か + ゛ matches が
 * in search and in comparisons). Paragraphs are separated by a blank line, so a section body
 * saved from a browser keeps its paragraphs.
 */
export function normalizeText(text: string): string {
  return text
    .replace(/^\uFEFF/, '')
    .replace(/\r\n?/g, '\n')
    .replace(/[ \t\u3000]+$/gm, '')
    .normalize('NFC');
}

/** normalizeText on every string inside a value (form values, an imported document). */
export function normalizeDeep<T>(value: T): T {
  if (typeof value === 'string') return normalizeText(value) as T;
  if (Array.isArray(value)) return value.map((item) => normalizeDeep(item)) as T;
  if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, normalizeDeep(item)])) as T;
  }
  return value;
}

/**
 * A section body's paragraphs: every line is one. An editor presses Enter once for a new
 * paragraph; pasted text and the import format separate them with blank lines, which read the
 * same (the importer joins a paragraph's wrapped lines before they get here).
 */
export function splitParagraphs(body: string): string[] {
  return normalizeText(body)
    .split(/\n+/)
    .map((paragraph) => paragraph.trim())
    .filter(Boolean);
}
