/** The article's own disclaimer, near the top. data-nosnippet keeps boilerplate out of search snippets. */
export function DisclosureBanner({ text }: { text: string }) {
  return (
    <div
      role="note"
      aria-label="この記事の制作について"
      data-nosnippet=""
      className="my-5 rounded border-l-4 border-[#a08a4a] bg-note px-4 py-3 text-sm leading-relaxed text-note-ink"
    >
      {text}
    </div>
  );
}
