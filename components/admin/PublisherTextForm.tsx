import { updatePublisherTextAction } from '@/app/admin/_actions/settings';
import { PUBLISHER_TEXTS, type PublisherTextKey } from '@/lib/articles/publisher-texts';

/** One publisher page's text (about, AI policy, privacy), edited as paragraphs and ## headings. */
export function PublisherTextForm({ textKey, value }: { textKey: PublisherTextKey; value: string }) {
  const { title, path } = PUBLISHER_TEXTS[textKey];
  const id = `setting-${textKey}`;
  return (
    <form action={updatePublisherTextAction} className="mt-6">
      <input type="hidden" name="key" value={textKey} />
      <label htmlFor={id} className="block font-bold">
        {`${title}（${path}）`}
      </label>
      <p id={`${id}-hint`} className="text-sm text-muted">
        段落は空行で区切り、見出しは行頭に「## 」を付けます。
      </p>
      <textarea
        id={id}
        name="value"
        aria-describedby={`${id}-hint`}
        defaultValue={value}
        rows={16}
        className="mt-1 w-full rounded border border-rule bg-paper p-2"
      />
      <button type="submit" className="mt-2 rounded bg-accent px-4 py-2 font-bold text-paper">
        {`${title}を保存して公開`}
      </button>
    </form>
  );
}
