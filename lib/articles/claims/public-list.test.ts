import { describe, expect, it } from 'vitest';
import { checkClaims } from './check';
import { publicFactList } from './public-list';

describe('the list of checked facts readers may open', () => {
  it('gives each stored fact with its section, result and the source it was found in', () => {
    const url = 'https://example.jp/release';
    const facts = checkClaims({
      lead: '支援の総額は7億ドル。',
      sections: [{ heading: '避難', body: '負傷者は120人。', cites: [] }],
      sources: [{ title: '政府発表', url }],
      snapshots: new Map([[url, '支援の総額は7億ドルとなった。']]),
    });
    // As stored in jsonb and read back.
    expect(publicFactList(JSON.parse(JSON.stringify(facts)))).toEqual([
      { fact: '7億ドル', section: 'リード', result: 'found', source: 1 },
      { fact: '120人', section: '避難', result: 'not_found', source: null },
    ]);
  });

  it('reads an unreadable stored value as no list rather than failing the page', () => {
    expect(publicFactList(null)).toEqual([]);
    expect(publicFactList([{ fact: '7億ドル' }])).toEqual([]);
  });
});
