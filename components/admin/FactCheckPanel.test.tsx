import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { FactCheckPanel } from './FactCheckPanel';
import { extractFacts } from '@/lib/articles/claims/facts';
import type { EditorClaims } from '@/lib/articles/snapshots/store';

const source = { position: 1, title: '政府発表', url: 'https://example.jp/a' };
const key = (text: string) => extractFacts(text)[0]!.key;
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
      text: '避難者は三万二千人[1]、負傷者は120人。\n\n費用は2兆円とされる。',
      facts: [
        {
          fact: '三万二千人',
          key: key('三万二千人'),
          kind: 'number',
          section: '避難',
          sectionIndex: 1,
          result: 'found',
          source,
          quote: '避難者は32,000人に達した。',
          decision: null,
        },
        {
          fact: '120人',
          key: key('120人'),
          kind: 'number',
          section: '避難',
          sectionIndex: 1,
          result: 'not_found',
          source: null,
          quote: null,
          decision: null,
        },
        {
          fact: '2兆円',
          key: key('2兆円'),
          kind: 'number',
          section: '避難',
          sectionIndex: 1,
          result: 'not_checkable',
          source: null,
          quote: null,
          decision: null,
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

describe('the facts marked in the text itself', () => {
  const html = renderToStaticMarkup(<FactCheckPanel claims={claims} />);
  const inText = html.slice(html.indexOf('data-testid="facts-in-text"'), html.indexOf('の照合結果'));
  const marks = [...inText.matchAll(/<mark [^>]*data-result="([a-z_]+)"[^>]*>(.*?)<\/mark>/g)];

  it('marks each fact where it stands, keeping the text as written, paragraph by paragraph', () => {
    expect(marks.map((mark) => mark[1])).toEqual(['found', 'not_found', 'not_checkable']);
    expect(inText).toContain('避難者は<span class="relative"><mark');
    expect(inText).toContain('</span>[1]、負傷者は<span class="relative"><mark');
    expect((inText.match(/<p>/g) ?? []).length).toBe(2);
  });

  it('says each result in a symbol and in words as well as a colour', () => {
    const [found, notFound, notCheckable] = marks.map((mark) => mark[2]!);
    expect(found).toMatch(
      /^三万二千人<sup aria-hidden="true"[^>]*>✓<\/sup><span class="sr-only">（出典1で確認）<\/span>$/,
    );
    expect(notFound).toMatch(
      /^120人<sup aria-hidden="true"[^>]*>✗<\/sup><span class="sr-only">（出典に見つかりません）<\/span>$/,
    );
    expect(notCheckable).toMatch(
      /^2兆円<sup aria-hidden="true"[^>]*>？<\/sup><span class="sr-only">（照合できません）<\/span>$/,
    );
    expect(html).toContain('✓ 出典で確認　✗ 出典に見つからない　？ 照合できない');
  });

  it('gives a found fact the source’s sentence as its description, shown on hover or focus, with no script', () => {
    const found = /<mark tabindex="0" data-result="found" aria-describedby="([^"]+)"/.exec(inText);
    expect(found).not.toBeNull();
    expect(inText).toMatch(
      new RegExp(
        `<span id="${found![1]}" role="tooltip" class="[^"]*peer-focus:visible[^"]*">出典1「政府発表」：避難者は32,000人に達した。</span>`,
      ),
    );
    expect(html).not.toContain('<script');
  });
});

describe('what the editor is told about a source and an answer', () => {
  it('says when a source changed after the article was last saved', () => {
    const changed: EditorClaims = {
      ...claims,
      sources: [{ ...claims.sources[0]!, changedSinceSaved: '2025-10-20T03:00:00.000Z' }],
    };
    expect(renderToStaticMarkup(<FactCheckPanel claims={changed} />)).toContain(
      '出典1「政府発表」：記事を保存した後に出典の内容が変わりました（2025年10月20日に確認、2版）。記事は前の内容をもとに書かれています',
    );
  });

  it('shows the editor’s answer, note, name and time beside a figure not found', () => {
    const section = claims.sections[0]!;
    const answered: EditorClaims = {
      ...claims,
      sections: [
        {
          ...section,
          facts: section.facts.map((fact) =>
            fact.result === 'not_found'
              ? {
                  ...fact,
                  decision: {
                    decision: 'checked_elsewhere',
                    note: '県の発表資料で確認',
                    by: '編集者',
                    at: '2025-10-19T01:00:00.000Z',
                    revisionVersion: null,
                  },
                }
              : fact,
          ),
        },
      ],
    };
    const html = renderToStaticMarkup(<FactCheckPanel claims={answered} />);
    expect(html).toContain('別の資料で確認済み：県の発表資料で確認（編集者、2025年10月19日 10時）');
    expect(html).toContain('（見つからないもののうち 1件は編集者が確認済み）');
    expect(html).toContain('（出典に見つかりません・別の資料で確認済み）');
  });
});
