import { textBlocks } from '@/lib/articles/site-settings';

/** Editable site text as headings and paragraphs; React escapes it, so it can never become markup. */
export function TextBlocks({ value }: { value: string }) {
  return textBlocks(value).map((block, index) =>
    block.heading ? (
      <h2 key={index} className="mt-8 mb-3 text-xl font-bold">
        {block.heading}
      </h2>
    ) : (
      <p key={index}>{block.paragraph}</p>
    ),
  );
}
