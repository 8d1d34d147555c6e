import { updatePublisherTextAction } from '@/app/admin/_actions/settings';
import { ARTICLE_TEXTS, type ArticleTextKey } from '@/lib/articles/article-texts';

/** One sentence every article page shows (この記事について), edited on one line. */
export function ArticleTextForm({ textKey, value }: { textKey: ArticleTextKey; value: string }) {
  const { title, hint } = ARTICLE_TEXTS[textKey];
  const id = `setting-${textKey}`;
  return (
    <form action={updatePublisherTextAction} className="mt-6">
      <input type="hidden" name="key" value={textKey} />
      <label htmlFor={id} className="block font-bold">
        {title}
      </label>
      <p id={`${id}-hint`} className="text-sm text-muted">
        {hint}
      </p>
      <input
        id={id}
        name="value"
        aria-describedby={`${id}-hint`}
        defaultValue={value}
        className="mt-1 w-full rounded border border-rule bg-paper p-2"
      />
      <button type="submit" className="mt-2 rounded bg-accent px-4 py-2 font-bold text-paper">
        {`${title}を保存`}
      </button>
    </form>
  );
}
