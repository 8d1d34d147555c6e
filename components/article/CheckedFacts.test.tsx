import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { CheckedFacts } from './CheckedFacts';

describe('the list of checked facts in この記事について', () => {
  it('lists each fact with its section and what the check found, in words, openable without a script', () => {
    const html = renderToStaticMarkup(
      <CheckedFacts
        facts={[
          { fact: '7億ドル', section: 'リード', result: 'found', source: 1 },
          { fact: '120人', section: '避難', result: 'not_found', source: null },
          { fact: '2兆円', section: '費用', result: 'not_checkable', source: null },
        ]}
      />,
    );
    expect(html).toMatch(/^<details id="checked-facts"/);
    expect(html).toContain('照合した数値・日付などの一覧（3件）');
    expect(html).toContain('<li>「7億ドル」（リード）：出典1で確認</li>');
    expect(html).toContain('<li>「120人」（避難）：出典には見当たりません</li>');
    expect(html).toContain('<li>「2兆円」（費用）：出典を読めず、照合できませんでした</li>');
  });

  it('shows nothing when nothing was checked', () => {
    expect(renderToStaticMarkup(<CheckedFacts facts={[]} />)).toBe('');
  });
});
