import { describe, expect, it } from 'vitest';
import { normalizeDeep, normalizeText, splitParagraphs } from './normalize';

describe('text as Kiji stores it', () => {
  it('turns a browser textarea’s CRLF and an old file’s CR into LF', () => {
    expect(normalizeText('一段落目。\r\n\r\n二段落目。\r三段落目。')).toBe('一段落目。\n\n二段落目。\n三段落目。');
  });

  it('drops a byte-order mark and the spaces at the end of each line, but not those inside it', () => {
    expect(normalizeText('\uFEFF見出し \t\n本文　の 途中。　\n')).toBe('見出し\n本文　の 途中。\n');
  });

  it('composes decomposed kana into NFC', () => {
    const decomposed = 'か\u3099'; // か + combining dakuten
    expect(normalizeText(decomposed)).toBe('が');
  });

  it('normalises every string inside form values, and leaves other values alone', () => {
    const values = { title: 'タイトル\r\n', sections: [{ heading: 'a ', body: '一\r\n\r\n二' }], count: 3, flag: null };
    expect(normalizeDeep(values)).toEqual({
      title: 'タイトル\n',
      sections: [{ heading: 'a', body: '一\n\n二' }],
      count: 3,
      flag: null,
    });
  });
});

describe('splitting a section body into paragraphs', () => {
  // The seed article's first section as a browser submits it: CRLF between its three paragraphs.
  const browserBody = '第一段落。\r\n\r\n第二段落。\r\n\r\n第三段落。';

  it('keeps three paragraphs from a body saved through a browser form', () => {
    expect(splitParagraphs(browserBody)).toEqual(['第一段落。', '第二段落。', '第三段落。']);
  });

  it('treats a blank line holding only spaces as a paragraph break', () => {
    expect(splitParagraphs('一。\n  \n二。')).toEqual(['一。', '二。']);
  });

  it('starts a new paragraph at a single line break, as an editor presses Enter once', () => {
    expect(splitParagraphs('一行目\n二行目\n\n次')).toEqual(['一行目', '二行目', '次']);
    expect(splitParagraphs('一行目\r\n二行目')).toEqual(['一行目', '二行目']);
  });

  it('reads several blank lines, as pasted text has them, as one paragraph break', () => {
    expect(splitParagraphs('一。\n\n\n\n二。')).toEqual(['一。', '二。']);
  });
});
