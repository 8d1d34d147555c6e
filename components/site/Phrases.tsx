import { Fragment, type ReactNode } from 'react';
import { phrasesOf } from '@/lib/format/phrases';

/**
 * A headline that breaks only between phrases: <wbr> between BudouX's phrases, and the element's
 * class `phrase-wrap` (globals.css) forbids breaks anywhere else. Server-rendered; no script.
 */
export function Phrases({ text }: { text: string }) {
  return (
    <>
      {phrasesOf(text).map((phrase, index) => (
        <Fragment key={index}>
          {index > 0 ? <wbr /> : null}
          {phrase}
        </Fragment>
      ))}
    </>
  );
}

/**
 * The same, for a headline with marked parts (a search result's matched words): the marks as
 * <mark>, and a <wbr> wherever a phrase begins, inside a mark or not.
 */
export function MarkedPhrases({ segments }: { segments: { text: string; match: boolean }[] }) {
  const starts = new Set<number>();
  let at = 0;
  for (const phrase of phrasesOf(segments.map((segment) => segment.text).join(''))) {
    if (at > 0) starts.add(at);
    at += phrase.length;
  }
  let position = 0;
  return segments.map((segment, index) => {
    const pieces: ReactNode[] = [];
    let piece = '';
    for (const character of segment.text) {
      if (starts.has(position) && piece) {
        pieces.push(piece, <wbr key={position} />);
        piece = '';
      } else if (starts.has(position)) {
        pieces.push(<wbr key={position} />);
      }
      piece += character;
      position += character.length;
    }
    pieces.push(piece);
    return segment.match ? <mark key={index}>{pieces}</mark> : <span key={index}>{pieces}</span>;
  });
}
