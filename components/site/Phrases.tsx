import { Fragment } from 'react';
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
