import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { STANDARD_DISCLAIMER } from '../../lib/articles/text/site-text';
import { ABOUT_ARTICLE_ID, DisclosureBanner } from './DisclosureBanner';

const article = {
  disclaimer: STANDARD_DISCLAIMER,
  disclosure: 'ai-generated' as const,
  reviewedBy: null,
  reviewedAt: null,
};

describe('the AI banner at the top of an article', () => {
  it('shows how the article was made and its caveat in one line, and opens to the statement without a script', () => {
    const html = renderToStaticMarkup(<DisclosureBanner article={article} />);
    const summary = /<summary[^>]*>([\s\S]*?)<\/summary>/.exec(html)?.[1] ?? '';
    expect(summary.replace(/<[^>]+>/g, '')).toBe('制作方法：AI生成・人による確認の記録なし誤りを含むことがあります');
    expect(summary).not.toContain(STANDARD_DISCLAIMER);
    expect(html).toMatch(new RegExp(`<details>[\\s\\S]*${STANDARD_DISCLAIMER}[\\s\\S]*</details>`));
    expect(html).toContain(`href="#${ABOUT_ARTICLE_ID}"`);
    expect(html).not.toMatch(/<script|\son[a-z]+=/i);
  });

  it('names no AI caveat on a reporter’s article', () => {
    const html = renderToStaticMarkup(<DisclosureBanner article={{ ...article, disclosure: 'human' }} />);
    expect(html).toContain('制作方法：記者執筆');
    expect(html).not.toContain('誤りを含むことがあります');
  });
});
