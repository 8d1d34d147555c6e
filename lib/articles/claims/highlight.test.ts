import { describe, expect, it } from 'vitest';
import { checkClaims, type CheckedFact } from './check';
import { highlightFacts } from './highlight';

const SOURCE = 'https://example.jp/release';

function checked(body: string, source: string): CheckedFact[] {
  return checkClaims({
    lead: '',
    sections: [{ heading: '避難', body, cites: [1] }],
    sources: [{ title: '政府発表', url: SOURCE }],
    snapshots: new Map([[SOURCE, source]]),
  });
}

const marked = (body: string, facts: CheckedFact[]) =>
  highlightFacts(body, facts)
    .filter((segment) => segment.fact)
    .map((segment) => [segment.text, segment.fact!.result]);

describe('the facts marked where they stand in the text', () => {
  it('marks each figure in place with its result, and keeps the text as the editor wrote it', () => {
    const body = '避難者は三万二千人[1]、負傷者は１２０人。';
    const facts = checked(body, '避難者は32,000人に達した。');
    const segments = highlightFacts(body, facts);
    expect(segments.map((segment) => segment.text).join('')).toBe(body);
    expect(marked(body, facts)).toEqual([
      ['三万二千人', 'found'],
      ['１２０人', 'not_found'],
    ]);
  });

  it('marks every occurrence of a fact, however it is written, with the one result', () => {
    const body = '避難者は32,000人。三万二千人という数は過去最多。';
    const facts = checked(body, '避難者は32,000人に達した。');
    expect(marked(body, facts)).toEqual([
      ['32,000人', 'found'],
      ['三万二千人', 'found'],
    ]);
  });

  it('marks a quotation by its words, inside the brackets', () => {
    const body = '首相は「全力で支援する」と述べた。';
    const facts = checked(body, '首相は「全力で支援する」と語った。');
    expect(marked(body, facts)).toEqual([['全力で支援する', 'found']]);
  });

  it('leaves a text without facts as one plain run', () => {
    expect(highlightFacts('静かな朝だった。', [])).toEqual([{ text: '静かな朝だった。' }]);
  });
});
