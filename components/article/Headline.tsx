import { Phrases } from '@/components/site/Phrases';

/** The article's headline, and its subtitle under it when it has one. */
export function Headline({ title, subtitle }: { title: string; subtitle: string | null }) {
  return (
    <>
      <h1 className="phrase-wrap mt-1 text-[1.6rem] leading-snug font-bold sm:text-3xl">
        <Phrases text={title} />
      </h1>
      {subtitle ? (
        <p className="phrase-wrap text-muted mt-1 text-lg leading-snug">
          <Phrases text={subtitle} />
        </p>
      ) : null}
    </>
  );
}
