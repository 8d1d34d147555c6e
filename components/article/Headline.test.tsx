import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { Headline } from './Headline';

describe('the article’s headline', () => {
  it('shows the subtitle right under the headline, and nothing there when there is none', () => {
    const html = renderToStaticMarkup(
      <Headline title="トランプ氏、トマホーク供与に慎重姿勢" subtitle="会談は平行線、供与の判断は先送り" />,
    );
    const underHeadline = /<\/h1>\s*<p[^>]*>([\s\S]*?)<\/p>/.exec(html)?.[1]?.replace(/<[^>]+>/g, '');
    expect(underHeadline).toBe('会談は平行線、供与の判断は先送り');
    const plain = renderToStaticMarkup(<Headline title="トランプ氏、トマホーク供与に慎重姿勢" subtitle={null} />);
    expect(plain).toMatch(/<\/h1>$/);
  });
});
