import { addCorrectionAction } from '@/app/admin/_actions/articles';
import type { CorrectionView } from '@/lib/articles/views';
import { formatJapaneseDateTime } from '@/lib/format/dates';

/** Records a correction to a published article, and lists the ones already made. */
export function CorrectionForm({ articleId, corrections }: { articleId: number; corrections: CorrectionView[] }) {
  return (
    <section aria-labelledby="correction-heading" className="mt-8 border-t border-rule pt-4">
      <h2 id="correction-heading" className="text-lg font-bold">
        訂正を追加
      </h2>
      <p className="text-sm text-muted">
        本文を直したうえで、何が誤っていて何を改めたかを記録します。記事の冒頭と訂正一覧に表示されます。
      </p>
      <form action={addCorrectionAction} className="mt-2 grid gap-3">
        <input type="hidden" name="id" value={articleId} />
        <label className="text-sm font-bold">
          誤っていた内容
          <input
            name="whatWasWrong"
            required
            maxLength={1000}
            className="mt-1 w-full rounded border border-rule bg-paper px-2 py-1 font-normal"
          />
        </label>
        <label className="text-sm font-bold">
          訂正した内容
          <input
            name="whatChanged"
            required
            maxLength={1000}
            className="mt-1 w-full rounded border border-rule bg-paper px-2 py-1 font-normal"
          />
        </label>
        <label className="text-sm font-bold">
          訂正前の文（任意）
          <textarea
            name="beforeText"
            rows={2}
            className="mt-1 w-full rounded border border-rule bg-paper px-2 py-1 font-normal"
          />
        </label>
        <label className="text-sm font-bold">
          訂正後の文（任意）
          <textarea
            name="afterText"
            rows={2}
            className="mt-1 w-full rounded border border-rule bg-paper px-2 py-1 font-normal"
          />
        </label>
        <div>
          <button type="submit" className="rounded border border-red-800 px-4 py-2 text-danger">
            訂正を記録する
          </button>
        </div>
      </form>
      {corrections.length > 0 ? (
        <ul className="mt-3 list-disc pl-5 text-sm">
          {corrections.map((correction, index) => (
            <li key={index}>
              {formatJapaneseDateTime(new Date(correction.correctedAt))}：{correction.whatWasWrong} →{' '}
              {correction.whatChanged}
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
