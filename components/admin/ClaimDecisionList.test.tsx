import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { ClaimDecisionList } from './ClaimDecisionList';

describe('the answers about figures on the revision history', () => {
  it('lists each answer under the version that carries it, with its note, who and when', () => {
    const html = renderToStaticMarkup(
      <ClaimDecisionList
        groups={[
          {
            version: 4,
            decisions: [
              {
                fact: '120人',
                section: '避難',
                decision: 'checked_elsewhere',
                note: '県の発表資料で確認',
                by: '編集者',
                at: '2025-10-19T01:00:00.000Z',
                revisionVersion: 4,
              },
            ],
          },
        ]}
      />,
    );
    expect(html).toContain('<h3 class="font-bold">第4版</h3>');
    expect(html).toContain('「120人」（避難）：別の資料で確認済み：県の発表資料で確認（編集者、2025年10月19日 10時）');
  });

  it('shows nothing for an article with no answers', () => {
    expect(renderToStaticMarkup(<ClaimDecisionList groups={[]} />)).toBe('');
  });
});
