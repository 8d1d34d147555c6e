import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { FactCheckPanel } from './FactCheckPanel';
import type { EditorClaims } from '@/lib/articles/snapshots/store';

const source = { position: 1, title: '政府発表', url: 'https://example.jp/a' };
const claims: EditorClaims = {
  summary: { total: 3, found: 1, notFound: 1, notCheckable: 1 },
  sources: [
    { position: 1, title: '政府発表', versions: 2, problem: null, detail: null },
    { position: 2, title: '消えた発表', versions: 0, problem: 'status', detail: 'HTTP 404' },
  ],
  sections: [
    {
      section: '避難',
      sectionIndex: 1,
      facts: [
        {
          fact: '三万二千人',
          kind: 'number',
          section: '避難',
          sectionIndex: 1,
          result: 'found',
          source,
          quote: '避難者は32,000人に達した。',
        },
        {
          fact: '120人',
          kind: 'number',
          section: '避難',
          sectionIndex: 1,
          result: 'not_found',
          source: null,
          quote: null,
        },
        {
          fact: '2兆円',
          kind: 'number',
          section: '避難',
          sectionIndex: 1,
          result: 'not_checkable',
          source: null,
          quote: null,
        },
      ],
    },
  ],
};

describe('the editor’s list of facts', () => {
  const html = renderToStaticMarkup(<FactCheckPanel claims={claims} />);

  it('shows a found fact with the source’s sentence behind a tap, and marks one not found', () => {
    expect(html).toContain('<summary');
    expect(html).toContain('出典1「政府発表」：避難者は32,000人に達した。');
    expect(html).toMatch(/<mark[^>]*>120人<span class="sr-only">：出典に見つかりません<\/span><\/mark>/);
    expect(html).toContain('2兆円<span class="sr-only">：照合できません</span>');
  });

  it('counts the results and names the sources that changed or could not be read', () => {
    expect(html).toContain('3件中 出典で確認 1件・見つからない 1件・照合できない 1件');
    expect(html).toContain('出典1「政府発表」：最初に読み込んでから内容が変わっています（2版）');
    expect(html).toContain('出典2「消えた発表」：読み込めませんでした（HTTP 404）。照合できません');
  });
});
