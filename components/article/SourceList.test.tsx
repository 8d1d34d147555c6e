import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { SourceList } from './SourceList';
import type { ArticleView } from '@/lib/articles/views';

type Source = ArticleView['sources'][number];
const source: Source = {
  title: '政府発表',
  url: 'https://example.jp/release',
  publisher: null,
  accessedAt: null,
  readAt: null,
};
const render = (sources: Source[]) =>
  renderToStaticMarkup(<SourceList sources={sources} citedBy={new Map()} noSourcesReason={null} />);

describe('参考・出典 as readers see it', () => {
  it('says when each source was read, the Japanese way, and who published it where known', () => {
    const html = render([{ ...source, publisher: '内閣府', readAt: '2025-10-18' }]);
    expect(html).toContain('<span class="text-muted">（内閣府）</span>');
    expect(html).toContain('2025年10月18日閲覧');
  });

  it('prefers the day the editor gave to the day Kiji read the page', () => {
    const html = render([{ ...source, accessedAt: '2025-10-17', readAt: '2025-10-18' }]);
    expect(html).toContain('2025年10月17日閲覧');
    expect(html).not.toContain('2025年10月18日');
  });

  it('claims no reading day and no publisher it does not know', () => {
    const html = render([source]);
    expect(html).not.toContain('閲覧');
    expect(html).not.toContain('（');
  });
});
