import { beforeEach, describe, expect, it } from 'vitest';
import { encodedBodies } from './content-coding';
import { forgetAllGoodPages, forgetWithdrawnPages, lastGoodKey, lastGoodPage, rememberGoodPage } from './last-good';

const remember = (url: string, html: string) =>
  rememberGoodPage(url, { bodies: encodedBodies(Buffer.from(html, 'utf8')), headers: { 'Content-Type': 'text/html' } });

describe('the last good copies', () => {
  beforeEach(() => forgetAllGoodPages());

  it('drop a withdrawn article’s page and every page that links to it, and keep the rest', () => {
    remember(
      '/articles/gone',
      '<h1>取り下げた記事</h1><link rel="canonical" href="https://kiji.example/articles/gone">',
    );
    remember('/articles/gone?utm=x', '<h1>取り下げた記事</h1>');
    remember('/', '<a href="/articles/gone">取り下げた記事</a><a href="/articles/kept">残る記事</a>');
    remember('/category/world', '<a href="/articles/gone-further">名前の似た記事</a>');
    remember('/articles/kept', '<h1>残る記事</h1>');

    // The utm-tagged URL is the same page: one copy for both (lastGoodKey).
    expect(forgetWithdrawnPages(['gone'])).toBe(2);

    expect(lastGoodPage('/articles/gone')).toBeNull();
    expect(lastGoodPage('/articles/gone?utm=x')).toBeNull();
    expect(lastGoodPage('/')).toBeNull();
    expect(lastGoodPage('/category/world')).not.toBeNull();
    expect(lastGoodPage('/articles/kept')).not.toBeNull();
  });

  it('keep one copy per page, whatever else the URL carries, and apart where the page reads its query', () => {
    remember('/articles/a?utm_source=x', '<h1>一</h1>');
    remember('/articles/a?nocache=2', '<h1>二</h1>');
    expect(lastGoodPage('/articles/a')?.bodies.identity.toString()).toBe('<h1>二</h1>');
    remember('/category/world?page=2&utm_source=x', '<p>2ページ目</p>');
    expect(lastGoodPage('/category/world?page=2')).not.toBeNull();
    expect(lastGoodPage('/category/world')).toBeNull();
    expect(lastGoodKey('/search?utm=1&q=%E5%8F%B0%E9%A2%A8')).toBe('/search?q=%E5%8F%B0%E9%A2%A8');
  });

  it('drop everything for an instance that may have missed a withdrawal', () => {
    remember('/articles/kept', '<h1>残る記事</h1>');
    forgetAllGoodPages();
    expect(lastGoodPage('/articles/kept')).toBeNull();
  });
});
