import { describe, expect, it } from 'vitest';
import { checkClaims, summarize, type CheckInput } from './check';

const SOURCE_A = 'https://a.example.jp/news';
const SOURCE_B = 'https://b.example.jp/report';

function input(overrides: Partial<CheckInput> = {}): CheckInput {
  return {
    lead: '',
    sections: [],
    sources: [
      { title: '資料A', url: SOURCE_A },
      { title: '資料B', url: SOURCE_B },
    ],
    snapshots: new Map(),
    ...overrides,
  };
}

const results = (checked: ReturnType<typeof checkClaims>) =>
  checked.map((fact) => [fact.fact, fact.result, fact.source?.position ?? null]);

describe('checking an article’s facts against its sources', () => {
  it('finds a kanji-numeral figure of the text written in digits in the source, with the sentence around it', () => {
    const checked = checkClaims(
      input({
        sections: [{ heading: '避難', body: '避難者は三万二千人に上った[1]。', cites: [1] }],
        snapshots: new Map([[SOURCE_A, '県によると、避難者は32,000人に達した。詳細は調査中。']]),
      }),
    );
    expect(checked).toEqual([
      expect.objectContaining({
        fact: '三万二千人',
        section: '避難',
        result: 'found',
        source: { position: 1, title: '資料A', url: SOURCE_A },
        quote: '県によると、避難者は32,000人に達した。',
      }),
    ]);
  });

  it('finds a figure written in digits in the text as kanji numerals in the source', () => {
    const checked = checkClaims(
      input({
        sections: [{ heading: '経済', body: '輸出は1.5倍、総額は2兆5000億円に。', cites: [] }],
        snapshots: new Map([
          [SOURCE_A, '関係のない記事。'],
          [SOURCE_B, '輸出は前年の一・五倍となり、総額は二兆五千億円に達した。'],
        ]),
      }),
    );
    expect(results(checked)).toEqual([
      ['1.5倍', 'found', 2],
      ['2兆5000億円', 'found', 2],
    ]);
  });

  it('says not found when the source gives a different figure for the same thing', () => {
    const checked = checkClaims(
      input({
        sections: [{ heading: '支持率', body: '支持率は３０％に下落した[1]。', cites: [1] }],
        snapshots: new Map([[SOURCE_A, '内閣支持率は28%に下落した。']]),
      }),
    );
    expect(results(checked)).toEqual([['30%', 'not_found', null]]);
  });

  it('looks only in the sources the section cites, and in all of them when it cites none', () => {
    const snapshots = new Map([
      [SOURCE_A, '会談は10月18日に行われた。'],
      [SOURCE_B, '7億ドルの支援が決まった。'],
    ]);
    const checked = checkClaims(
      input({
        lead: '7億ドルの支援。',
        sections: [{ heading: '会談', body: '7億ドルの支援を表明[1]。', cites: [1] }],
        snapshots,
      }),
    );
    expect(checked.map((fact) => [fact.section, fact.result])).toEqual([
      ['リード', 'found'],
      ['会談', 'not_found'],
    ]);
  });

  it('calls a fact not checkable when a source it could be in has no snapshot', () => {
    const checked = checkClaims(
      input({
        sections: [{ heading: '見出し', body: '2兆円の予算。', cites: [] }],
        snapshots: new Map([[SOURCE_A, '関係のない記事。']]),
      }),
    );
    expect(results(checked)).toEqual([['2兆円', 'not_checkable', null]]);
  });

  it('has nothing checkable when the article has no sources', () => {
    const checked = checkClaims(
      input({ sources: [], sections: [{ heading: '見出し', body: '2025年10月18日、会談。', cites: [] }] }),
    );
    expect(summarize(checked)).toEqual({ total: 1, found: 0, notFound: 0, notCheckable: 1 });
  });

  it('matches dates across their forms: a day under the year the source names, an era year, a slash date', () => {
    const checked = checkClaims(
      input({
        sections: [
          { heading: '日付', body: '2025年10月18日に会談、令和7年度の予算、18日に発表、午後3時に開始。', cites: [1] },
        ],
        snapshots: new Map([[SOURCE_A, '2025年の動き\n10月18日 会談\n発表は2025/10/18、15時に開始した。']]),
      }),
    );
    expect(results(checked)).toEqual([
      ['2025年10月18日', 'found', 1],
      ['令和7年', 'found', 1],
      ['18日', 'found', 1],
      ['午後3時', 'found', 1],
    ]);
  });

  it('does not take another day of the same month for the date', () => {
    const checked = checkClaims(
      input({
        sections: [{ heading: '日付', body: '10月18日に会談。', cites: [1] }],
        snapshots: new Map([[SOURCE_A, '会談は10月19日に行われた。']]),
      }),
    );
    expect(results(checked)).toEqual([['10月18日', 'not_found', null]]);
  });

  it('finds quoted phrases and names after normalising width and spacing', () => {
    const checked = checkClaims(
      input({
        sections: [
          {
            heading: '発言',
            body: 'ゼレンスキー氏は「長期的な平和の土台を築く」と述べ、ＮＡＴＯに求めた。',
            cites: [],
          },
        ],
        snapshots: new Map([
          [SOURCE_A, 'ｾﾞﾚﾝｽｷｰ大統領は演説で、先進ミサイルが「長期的な 平和の土台を築く」と語った。'],
          [SOURCE_B, 'NATO の会合で。'],
        ]),
      }),
    );
    expect(results(checked)).toEqual([
      ['長期的な平和の土台を築く', 'found', 1],
      ['ゼレンスキー', 'found', 1],
      ['NATO', 'found', 2],
    ]);
  });

  it('counts what it found', () => {
    expect(
      summarize([{ result: 'found' }, { result: 'not_found' }, { result: 'found' }, { result: 'not_checkable' }]),
    ).toEqual({
      total: 4,
      found: 2,
      notFound: 1,
      notCheckable: 1,
    });
  });
});
