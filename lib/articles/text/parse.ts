import { createHash } from 'node:crypto';
import { citationsIn, normalizeCitationMarkers } from '../citations';
import { findJapaneseDate, toTokyoDateKey, toTokyoIso } from '../../format/dates';
import { normalizeText } from '../../format/normalize';
import { articleDocumentSchema, type ArticleDocument, type SourceDocument } from './document';
import { SITE_TAGLINE } from './site-text';

/**
 * Parses an article in the newsroom's plain-text form (as in prisma/seed/articles), the same
 * structure as Markdown, or JSON matching docs/article.schema.json. Pure: no I/O, so the CLI
 * import, the seed and the admin's paste-to-import all share it.
 */

export type ArticleFormat = 'text' | 'markdown' | 'json';
export type ParseProblem = { line: number | null; message: string };
export type ParseResult =
  { ok: true; format: ArticleFormat; article: ArticleDocument } | { ok: false; problems: ParseProblem[] };

type Block = { line: number; lines: string[]; markdownHeading?: number };

const fail = (line: number | null, message: string): ParseResult => ({ ok: false, problems: [{ line, message }] });

/** Files arrive as bytes: refuse binary and non-UTF-8 before anything else. */
export function parseArticleBytes(bytes: Uint8Array, fileName = ''): ParseResult {
  if (bytes.length === 0) return fail(1, 'ファイルが空です');
  const nul = bytes.indexOf(0);
  if (nul !== -1) return fail(lineAt(bytes, nul), 'バイナリファイルのようです（NUL バイトを含みます）');
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return fail(lineAt(bytes, firstInvalidUtf8Byte(bytes)), 'UTF-8 のテキストではありません');
  }
  return parseArticleText(text, formatFromFileName(fileName));
}

export function parseArticleText(raw: string, format?: ArticleFormat): ParseResult {
  const text = normalizeText(raw);
  if (text.trim() === '') return fail(1, 'ファイルが空です');
  const chosen = format ?? sniffFormat(text);
  if (chosen === 'json') return parseJson(text);
  return parseBlocks(toBlocks(text, chosen === 'markdown'), chosen);
}

function formatFromFileName(fileName: string): ArticleFormat | undefined {
  const lower = fileName.toLowerCase();
  if (lower.endsWith('.json')) return 'json';
  if (lower.endsWith('.md') || lower.endsWith('.markdown')) return 'markdown';
  return undefined;
}

function sniffFormat(text: string): ArticleFormat {
  const start = text.trimStart();
  if (start.startsWith('{')) return 'json';
  if (/^#\s/.test(start)) return 'markdown';
  return 'text';
}

function parseJson(text: string): ParseResult {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    const position = /position (\d+)/.exec(String(error))?.[1];
    const line = position ? text.slice(0, Number(position)).split('\n').length : null;
    return fail(line, `JSON として読めません: ${(error as Error).message}`);
  }
  return validated(data, 'json', null);
}

function validated(candidate: unknown, format: ArticleFormat, line: number | null): ParseResult {
  const result = articleDocumentSchema.safeParse(candidate);
  if (result.success) return { ok: true, format, article: result.data };
  return {
    ok: false,
    problems: result.error.issues.map((issue) => ({
      line,
      message: `${issue.path.join('.') || '(全体)'}: ${issue.message}`,
    })),
  };
}

function toBlocks(text: string, markdown: boolean): Block[] {
  const blocks: Block[] = [];
  let current: Block | null = null;
  text.split('\n').forEach((rawLine, index) => {
    const line = rawLine.replace(/[\s\u3000]+$/u, '').replace(/^[ \t\u3000]+/u, '');
    const heading = markdown ? /^(#{1,6})\s+(.*)$/.exec(line) : null;
    if (line === '' || heading) {
      current = null;
      if (heading)
        blocks.push({
          line: index + 1,
          lines: [heading[2]!.replace(/\s+#+$/, '')],
          markdownHeading: heading[1]!.length,
        });
      return;
    }
    if (!current) {
      current = { line: index + 1, lines: [] };
      blocks.push(current);
    }
    current.lines.push(line);
  });
  return blocks;
}

/** Joins wrapped lines: Japanese needs no space between them, Latin text does. */
function joinLines(lines: string[]): string {
  return lines.reduce((text, next) => {
    if (text === '') return next;
    const latinJoin = /[A-Za-z0-9,.;:!?)]$/.test(text) && /^[A-Za-z0-9(]/.test(next);
    return text + (latinJoin ? ' ' : '') + next;
  }, '');
}

const compact = (text: string) => text.replace(/[\s\u3000]+/gu, '');
const blockText = (block: Block) => joinLines(block.lines);

function isSourcesHeading(text: string): boolean {
  return /^(参考・出典|参考\/出典|出典・参考|参考|出典|参考文献|参考資料|出典一覧|Sources)[:：]?$/u.test(text.trim());
}

function isTagline(block: Block): boolean {
  return compact(blockText(block)).startsWith(compact(SITE_TAGLINE).slice(0, 12));
}

/**
 * The disclaimer paragraph: it says that the article is something AI made, and warns of errors.
 * Strict on purpose, since a body paragraph about AI must never be mistaken for it.
 */
function isDisclaimer(block: Block): boolean {
  const text = compact(blockText(block));
  return (
    text.length <= 400 &&
    /AI/.test(text) &&
    /(制作|生成|作成)(した|された|されている)?もの/u.test(text) &&
    /(誤り|不確定|確認)/u.test(text)
  );
}

/**
 * Headings are told from paragraphs by their form: one short line that does not end like a
 * sentence. Questions and exclamations (？！) are headings too.
 */
function looksLikeHeading(block: Block): boolean {
  if (block.lines.length !== 1) return false;
  const text = block.lines[0]!;
  if (text.length > 60) return false;
  return !/[。．.、，,:：;；]$/u.test(text);
}

/** The title's own limit, as the article declares it. */
const TITLE_MAX_LENGTH = articleDocumentSchema.shape.title.maxLength ?? 300;

/**
 * What keeps the first block of the plain-text form from being the title, named, or null. The
 * title is the first line whatever it says (markup included: it is text, and escaped wherever it
 * is shown); only its form is checked, so that a file that starts with its body is not read as
 * an article titled with its first paragraph. Section headings have a tighter length
 * (looksLikeHeading); the title has its own limit.
 */
function problemWithTitle(block: Block): string | null {
  if (block.lines.length > 1) {
    return `最初の段落が${block.lines.length}行あります。タイトルは1行で書き、次の段落との間を1行あけてください`;
  }
  const text = block.lines[0]!;
  if (isSourcesHeading(text)) return '最初の行が「参考・出典」の見出しです。その前にタイトルを書いてください';
  if (isDisclaimer(block)) return '最初の段落がAIについての注記です。その前にタイトルを書いてください';
  const ending = /[。．.、，,:：;；]$/u.exec(text);
  if (ending)
    return `タイトルがないようです（1行目が「${ending[0]}」で終わる文です）。最初の行にはタイトルを書いてください`;
  return null;
}

function parseBlocks(blocks: Block[], format: ArticleFormat): ParseResult {
  const markdown = format === 'markdown';
  const titleBlock = blocks[0];
  if (!titleBlock) return fail(1, 'ファイルが空です');
  if (markdown && titleBlock.markdownHeading !== 1)
    return fail(titleBlock.line, 'タイトル（# で始まる行）がありません');
  const titleProblem = markdown ? null : problemWithTitle(titleBlock);
  if (titleProblem) return fail(titleBlock.line, titleProblem);
  const title = blockText(titleBlock);
  if (title.length > TITLE_MAX_LENGTH) {
    return fail(
      titleBlock.line,
      `タイトルが長すぎます（${title.length}文字。${TITLE_MAX_LENGTH}文字以内にしてください）`,
    );
  }

  let index = 1;
  if (blocks[index] && !blocks[index]!.markdownHeading && blockText(blocks[index]!) === title) index += 1;
  let disclaimer: string | undefined;
  if (blocks[index] && !blocks[index]!.markdownHeading && isDisclaimer(blocks[index]!)) {
    disclaimer = blockText(blocks[index]!);
    index += 1;
  }

  const leadParagraphs: string[] = [];
  const sections: { heading: string; line: number; paragraphs: string[]; lines: number[] }[] = [];
  const sources: SourceDocument[] = [];
  let inSources = false;

  for (const block of blocks.slice(index)) {
    const text = blockText(block);
    // The site's tagline and footer disclaimer are furniture, never body text.
    if (isTagline(block) || (leadParagraphs.length > 0 && isDisclaimer(block))) {
      inSources = false;
      continue;
    }
    const isHeading = markdown ? block.markdownHeading !== undefined : looksLikeHeading(block);
    if (isHeading && isSourcesHeading(text)) {
      inSources = true;
      continue;
    }
    if (inSources) {
      for (const [offset, line] of block.lines.entries()) {
        const parsed = parseSourceLine(line);
        if ('error' in parsed) return fail(block.line + offset, parsed.error);
        sources.push(parsed);
      }
      continue;
    }
    if (isHeading && leadParagraphs.length > 0) {
      sections.push({ heading: text, line: block.line, paragraphs: [], lines: [] });
      continue;
    }
    if (isHeading && markdown) return fail(block.line, `見出し「${text}」の前にリード文がありません`);
    const current = sections.at(-1);
    if (current) {
      current.paragraphs.push(normalizeCitationMarkers(text));
      current.lines.push(block.line);
    } else leadParagraphs.push(text);
  }

  if (leadParagraphs.length === 0) return fail(titleBlock.line + 1, '本文がありません（リード文が見つかりません）');
  if (sections.length === 0) return fail(titleBlock.line + 1, '本文がありません（見出しと段落が見つかりません）');
  const empty = sections.find((section) => section.paragraphs.length === 0);
  if (empty) return fail(empty.line, `見出し「${empty.heading}」の後に本文がありません`);

  // Citation markers are numbered against the 参考・出典 list.
  for (const section of sections) {
    for (const [index, paragraph] of section.paragraphs.entries()) {
      const missing = citationsIn(paragraph).find((n) => n > sources.length);
      if (missing) return fail(section.lines[index]!, `出典[${missing}]が参考・出典の一覧にありません`);
    }
  }

  const lead = leadParagraphs.join('\n\n');
  const date = findJapaneseDate(lead);
  return validated(
    {
      title,
      lead,
      disclaimer,
      sections: sections.map(({ heading, paragraphs }) => {
        const cites = citationsIn(paragraphs.join('\n'));
        return cites.length > 0 ? { heading, paragraphs, cites } : { heading, paragraphs };
      }),
      sources,
      publishedAt: date ? toTokyoIso(date) : undefined,
    },
    format,
    null,
  );
}

const URL_LIKE = /^<?([a-z][a-z0-9+.-]*:\S*?)>?$/i;

/** `title URL`, a bare URL, `- [title](url)`, with an optional （2025年10月18日閲覧）. */
function parseSourceLine(rawLine: string): SourceDocument | { error: string } {
  let line = rawLine.replace(/^(?:[-*・•]\s*|\[\d+\]\s*|\d+[.)．]\s*)/u, '').trim();
  let accessedAt: string | undefined;
  const accessed = /[（(](\d{4}年\d{1,2}月\d{1,2}日)\s*(?:閲覧|参照|取得|アクセス)[）)]/u.exec(line);
  if (accessed) {
    const date = findJapaneseDate(accessed[1]!);
    if (date) accessedAt = toTokyoDateKey(date);
    line = line.replace(accessed[0], ' ').trim();
  }
  const markdownLink = /^\[([^\]]+)\]\(([^)\s]+)\)(.*)$/.exec(line);
  let title: string;
  let url: string;
  if (markdownLink) {
    title = markdownLink[1]!.trim();
    url = markdownLink[2]!;
  } else {
    const tokens = line.split(/[\s\u3000]+/u);
    const candidate = URL_LIKE.exec(tokens.at(-1) ?? '');
    if (!candidate) return { error: `出典に URL がありません:「${rawLine.trim()}」` };
    url = candidate[1]!;
    title = tokens
      .slice(0, -1)
      .join(' ')
      .replace(/[\s:：|｜—–-]+$/u, '')
      .trim();
  }
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { error: `出典の URL が正しくありません:「${url}」` };
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    return { error: `出典の URL は http または https でなければなりません:「${url}」` };
  }
  return {
    title: title || parsed.hostname + (parsed.pathname === '/' ? '' : parsed.pathname),
    url: parsed.href,
    accessedAt,
  };
}

/** A stable, readable, ASCII slug: the publication day and a hash of the title. */
export function defaultSlugFor(article: Pick<ArticleDocument, 'title' | 'publishedAt'>): string {
  const hash = createHash('sha256').update(article.title.normalize('NFC')).digest('hex').slice(0, 10);
  return article.publishedAt ? `${toTokyoDateKey(new Date(article.publishedAt))}-${hash}` : `article-${hash}`;
}

function lineAt(bytes: Uint8Array, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset; i += 1) if (bytes[i] === 0x0a) line += 1;
  return line;
}

/** Offset of the first byte that breaks UTF-8, or -1 when the bytes are valid UTF-8. */
function firstInvalidUtf8Byte(bytes: Uint8Array): number {
  const strict = new TextDecoder('utf-8', { fatal: true });
  let i = 0;
  while (i < bytes.length) {
    const byte = bytes[i]!;
    const length =
      byte < 0x80
        ? 1
        : byte >= 0xc2 && byte < 0xe0
          ? 2
          : byte >= 0xe0 && byte < 0xf0
            ? 3
            : byte >= 0xf0 && byte < 0xf5
              ? 4
              : 0;
    if (length === 0) return i;
    for (let k = 1; k < length; k += 1) {
      const next = bytes[i + k];
      if (next === undefined || (next & 0xc0) !== 0x80) return i;
    }
    if (length > 1) {
      try {
        strict.decode(bytes.subarray(i, i + length));
      } catch {
        return i; // overlong forms and surrogates
      }
    }
    i += length;
  }
  return -1;
}
