export function ArticleSection({ id, heading, paragraphs }: { id: string; heading: string; paragraphs: string[] }) {
  return (
    <section aria-labelledby={id} className="mt-10">
      <h2 id={id} className="mb-4 border-l-4 border-accent pl-3 text-xl leading-snug font-bold">
        {heading}
      </h2>
      {paragraphs.map((paragraph, index) => (
        <p key={index}>{paragraph}</p>
      ))}
    </section>
  );
}
