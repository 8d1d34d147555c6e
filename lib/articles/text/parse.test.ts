import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { defaultSlugFor, parseArticleBytes, parseArticleText, type ParseResult } from './parse';
import { SITE_TAGLINE, STANDARD_DISCLAIMER } from './site-text';

const seedPath = fileURLToPath(new URL('../../../prisma/seed/articles/000_860667d7943f974c.txt', import.meta.url));
const seedBytes = readFileSync(seedPath);
const seedText = seedBytes.toString('utf8');

function parsed(result: ParseResult) {
  if (!result.ok) throw new Error(`expected a parsed article, got ${JSON.stringify(result.problems)}`);
  return result.article;
}

function problems(result: ParseResult) {
  if (result.ok) throw new Error('expected the input to be refused');
  return result.problems;
}

const SEED_HEADINGS = [
  'ホワイトハウスの握手と、その先の距離感',
  '「止めるべきだ」という号令が映す現実',
  '電話と会合、交錯する舞台裏',
  '次の一手を探るキーウ',
];

describe('the seed article in plain text', () => {
  const article = parsed(parseArticleBytes(seedBytes, '000_860667d7943f974c.txt'));

  it('has the title once', () => {
    expect(article.title).toBe('トランプ大統領、即時停戦求めるも軍事支援見送り、期待と現実の落差');
  });

  it('has exactly the four titled sections', () => {
    expect(article.sections.map((section) => section.heading)).toEqual(SEED_HEADINGS);
    expect(article.sections.map((section) => section.paragraphs.length)).toEqual([3, 3, 3, 2]);
  });

  it('has a lead that starts with the date', () => {
    expect(article.lead.startsWith('2025年10月18日')).toBe(true);
    expect(article.publishedAt).toBe('2025-10-18T00:00:00+09:00');
  });

  it('keeps the disclaimer paragraph as the disclaimer, not as body', () => {
    expect(article.disclaimer).toBe(STANDARD_DISCLAIMER);
  });

  it('keeps no tagline or footer text in any section', () => {
    const body = article.sections.flatMap((section) => [section.heading, ...section.paragraphs]).join('\n');
    expect(body).not.toContain('ニュースはAIで深化する');
    expect(body).not.toContain('本サイトの記事や画像はAI');
    expect(body).not.toContain('参考・出典');
    expect(article.lead).not.toContain('本サイトの記事');
  });

  it('has no sources, because its 参考・出典 block is empty', () => {
    expect(article.sources).toEqual([]);
  });

  it('parses the same with CRLF line endings and a UTF-8 BOM', () => {
    const crlf = parsed(parseArticleText(seedText.replace(/\n/g, '\r\n')));
    const bom = parsed(parseArticleBytes(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), seedBytes])));
    const both = parsed(parseArticleText(`\uFEFF${seedText.replace(/\n/g, '\r\n')}`));
    expect(crlf).toEqual(article);
    expect(bom).toEqual(article);
    expect(both).toEqual(article);
  });

  it('gets a stable ASCII slug from its date and title', () => {
    const slug = defaultSlugFor(article);
    expect(slug).toMatch(/^2025-10-18-[0-9a-f]{10}$/);
    expect(defaultSlugFor(parsed(parseArticleText(seedText)))).toBe(slug);
  });
});

function plainArticle({ headings, sources = [] }: { headings: string[]; sources?: string[] }): string {
  const sections = headings.map((heading, i) => `${heading}\n\n第${i + 1}節の本文です。内容はテスト用の文章です。`);
  return [
    'テスト記事の題名',
    'テスト記事の題名',
    STANDARD_DISCLAIMER,
    '2024年1月2日、テストのためのリード文である。',
    ...sections,
    '参考・出典',
    sources.join('\n'),
    SITE_TAGLINE,
    '本サイトの記事や画像はAIが公的資料や報道を整理し制作したものです。\nただし誤りや不確定な情報が含まれることがありますので、参考の一助としてご覧いただき、\n実際の判断は公的資料や他の報道を直接ご確認ください。',
  ].join('\n\n');
}

describe('headings in other articles', () => {
  it('finds two to eight sections by their form, not a fixed count', () => {
    for (const count of [2, 5, 8]) {
      const headings = Array.from({ length: count }, (_, i) => `見出しその${i + 1}`);
      expect(parsed(parseArticleText(plainArticle({ headings }))).sections.map((s) => s.heading)).toEqual(headings);
    }
  });

  it('accepts headings that end in a question or an exclamation mark', () => {
    const headings = ['停戦は実現するのか？', '交渉の行方は！', '次の焦点'];
    expect(parsed(parseArticleText(plainArticle({ headings }))).sections.map((s) => s.heading)).toEqual(headings);
  });
});

describe('the sources block', () => {
  it('reads "title URL" lines and bare URLs', () => {
    const article = parsed(
      parseArticleText(
        plainArticle({
          headings: ['見出し'],
          sources: [
            'ホワイトハウス声明 https://www.whitehouse.gov/briefings/',
            'https://example.org/report?id=1',
            '- 外務省発表（2025年10月19日閲覧） https://www.mofa.go.jp/',
          ],
        }),
      ),
    );
    expect(article.sources).toEqual([
      { title: 'ホワイトハウス声明', url: 'https://www.whitehouse.gov/briefings/' },
      { title: 'example.org/report', url: 'https://example.org/report?id=1' },
      { title: '外務省発表', url: 'https://www.mofa.go.jp/', accessedAt: '2025-10-19' },
    ]);
  });
});

describe('citation markers', () => {
  it('numbers [n] markers in paragraphs against the 参考・出典 list', () => {
    const text = plainArticle({
      headings: ['見出し'],
      sources: ['資料一 https://example.com/1', '資料二 https://example.com/2'],
    }).replace('第1節の本文です。', '第1節の本文です［2］。');
    const article = parsed(parseArticleText(text));
    expect(article.sections[0]).toMatchObject({
      cites: [2],
      paragraphs: ['第1節の本文です[2]。内容はテスト用の文章です。'],
    });
  });

  it('refuses a marker with no source and names its line', () => {
    const text = plainArticle({ headings: ['見出し'], sources: ['資料一 https://example.com/1'] }).replace(
      '第1節の本文です。',
      '第1節の本文です[3]。',
    );
    const line = text.split('\n').findIndex((l) => l.includes('[3]')) + 1;
    expect(problems(parseArticleText(text))).toEqual([{ line, message: '出典[3]が参考・出典の一覧にありません' }]);
  });
});

describe('the Markdown and JSON forms', () => {
  it('reads the same structure from Markdown headings', () => {
    const markdown = [
      '# 題名',
      STANDARD_DISCLAIMER,
      '2024年5月1日、リード文である。',
      '## 最初の見出し',
      '本文一。',
      '本文二。',
      '## 二つ目は？',
      '本文三。',
      '## 参考・出典',
      '- [資料](https://example.com/a)',
      '- 報告書 https://example.com/b',
    ].join('\n\n');
    const article = parsed(parseArticleText(markdown));
    expect(article.title).toBe('題名');
    expect(article.sections).toEqual([
      { heading: '最初の見出し', paragraphs: ['本文一。', '本文二。'] },
      { heading: '二つ目は？', paragraphs: ['本文三。'] },
    ]);
    expect(article.sources.map((s) => s.url)).toEqual(['https://example.com/a', 'https://example.com/b']);
  });

  it('reads JSON that matches the published schema', () => {
    const json = JSON.stringify({
      title: 'JSON の記事',
      lead: 'リード。',
      sections: [{ heading: '見出し', paragraphs: ['本文。'] }],
      sources: [{ title: '資料', url: 'https://example.com/', publisher: '例示社' }],
    });
    const article = parsed(parseArticleBytes(Buffer.from(json), 'a.json'));
    expect(article.sources[0]?.publisher).toBe('例示社');
  });

  it('refuses JSON that does not match the schema, naming the field', () => {
    const json = JSON.stringify({ title: 'x', lead: 'y', sections: [] });
    expect(problems(parseArticleText(json))[0]?.message).toContain('sections');
  });
});

describe('bad input', () => {
  it('refuses an empty file', () => {
    expect(problems(parseArticleBytes(new Uint8Array()))).toEqual([{ line: 1, message: 'ファイルが空です' }]);
    expect(problems(parseArticleText('\n \n'))[0]?.message).toBe('ファイルが空です');
  });

  it('refuses a binary file', () => {
    const [problem] = problems(parseArticleBytes(Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01])));
    expect(problem?.message).toContain('バイナリ');
  });

  it('refuses text that is not UTF-8 and names its line', () => {
    const shiftJis = Buffer.concat([Buffer.from('題名\n\n'), Buffer.from([0x93, 0xfa, 0x96, 0x7b])]);
    expect(problems(parseArticleBytes(shiftJis))).toEqual([{ line: 3, message: 'UTF-8 のテキストではありません' }]);
  });

  it('refuses a file without a title', () => {
    const [problem] = problems(
      parseArticleText('これは長い段落で始まる文章であり、題名の行がありません。本文だけが続きます。'),
    );
    expect(problem?.line).toBe(1);
    expect(problem?.message).toContain('タイトル');
  });

  it('takes a long title with markup as the plain text it is', () => {
    const title = '<script>alert(1)</script>見出し</title><img src=x onerror=alert(2)>';
    const result = parseArticleText(`${title}\n\nリードの文である。\n\n見出し\n\n本文。`);
    expect(result.ok && result.article.title).toBe(title);
  });

  it('names what is wrong with a first line that cannot be the title', () => {
    expect(problems(parseArticleText('これは文である。\n\n本文。'))).toEqual([
      {
        line: 1,
        message: 'タイトルがないようです（1行目が「。」で終わる文です）。最初の行にはタイトルを書いてください',
      },
    ]);
    expect(problems(parseArticleText('題名の一行目\n続きの二行目\n\n本文。'))).toEqual([
      { line: 1, message: '最初の段落が2行あります。タイトルは1行で書き、次の段落との間を1行あけてください' },
    ]);
    expect(problems(parseArticleText(`${'長'.repeat(301)}\n\n本文。`))).toEqual([
      { line: 1, message: 'タイトルが長すぎます（301文字。300文字以内にしてください）' },
    ]);
  });

  it('refuses a file without a body', () => {
    const [problem] = problems(parseArticleText('題名だけ\n\n題名だけ\n\n'));
    expect(problem?.message).toContain('本文がありません');
  });

  it('refuses a heading with nothing under it and names its line', () => {
    const text = ['題名', 'リードの文である。', '見出し一', '本文。', '見出し二'].join('\n\n');
    expect(problems(parseArticleText(text))).toEqual([
      { line: 9, message: '見出し「見出し二」の後に本文がありません' },
    ]);
  });

  it('refuses a source URL that is not http or https and names its line', () => {
    const text = plainArticle({
      headings: ['見出し'],
      sources: ['良い https://example.com/', '悪い javascript:alert(1)'],
    });
    const line = text.split('\n').indexOf('悪い javascript:alert(1)') + 1;
    expect(problems(parseArticleText(text))).toEqual([
      { line, message: '出典の URL は http または https でなければなりません:「javascript:alert(1)」' },
    ]);
  });

  it('refuses a source line without any URL', () => {
    const text = plainArticle({ headings: ['見出し'], sources: ['URL のない出典'] });
    expect(problems(parseArticleText(text))[0]?.message).toContain('URL がありません');
  });
});
