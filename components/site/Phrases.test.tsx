import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { phrasesOf } from '../../lib/format/phrases';
import { highlight } from '../../lib/articles/search-text';
import { MarkedPhrases, Phrases } from './Phrases';

const TITLE = 'トランプ大統領、即時停戦求めるも軍事支援見送り、期待と現実の落差';

describe('a search result’s headline', () => {
  it('breaks between the same phrases as every other headline, with the matched words marked', () => {
    const html = renderToStaticMarkup(<MarkedPhrases segments={highlight(TITLE, ['停戦'])} />);
    expect(html).toContain('<mark>停戦</mark>');
    const breaks = (markup: string) => markup.replace(/<(?!wbr)[^>]+>/g, '').split('<wbr/>');
    expect(breaks(html)).toEqual(phrasesOf(TITLE));
    expect(breaks(html)).toEqual(breaks(renderToStaticMarkup(<Phrases text={TITLE} />)));
  });
});
