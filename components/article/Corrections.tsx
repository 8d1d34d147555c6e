import { diffWords } from 'diff';
import type { CorrectionView } from '@/lib/articles/views';
import { formatJapaneseDateTime, toTokyoIso } from '@/lib/format/dates';

/** The 訂正 box near the top: the latest correction, and how many there are. */
export function CorrectionNotice({ corrections }: { corrections: CorrectionView[] }) {
  const latest = corrections[0];
  if (!latest) return null;
  return (
    <aside aria-label="訂正" className="my-4 rounded border-2 border-danger px-4 py-3 text-sm">
      <p className="font-bold text-danger">
        訂正（
        <time dateTime={toTokyoIso(new Date(latest.correctedAt))}>
          {formatJapaneseDateTime(new Date(latest.correctedAt))}
        </time>
        ）
      </p>
      <p className="mt-1">
        {latest.whatWasWrong}。{latest.whatChanged}。
      </p>
      <p className="mt-1">
        <a href="#corrections-heading">訂正の履歴（{corrections.length}件）</a>
      </p>
    </aside>
  );
}

/** Every correction, with the changed text shown as a word diff. */
export function CorrectionHistory({ corrections }: { corrections: CorrectionView[] }) {
  if (corrections.length === 0) return null;
  return (
    <section aria-labelledby="corrections-heading" className="mt-10 border-t border-rule pt-6">
      <h2 id="corrections-heading" className="mb-3 text-lg font-bold">
        訂正の履歴
      </h2>
      <ol className="space-y-4 text-[0.95rem]">
        {corrections.map((correction, index) => (
          <li key={index}>
            <p className="text-sm text-muted">
              <time dateTime={toTokyoIso(new Date(correction.correctedAt))}>
                {formatJapaneseDateTime(new Date(correction.correctedAt))}
              </time>
            </p>
            <p>
              <span className="font-bold">誤り：</span>
              {correction.whatWasWrong}
            </p>
            <p>
              <span className="font-bold">訂正：</span>
              {correction.whatChanged}
            </p>
            {correction.beforeText !== null && correction.afterText !== null ? (
              <p className="mt-1 rounded bg-note p-2 text-note-ink" data-testid="correction-diff">
                {diffWords(correction.beforeText, correction.afterText).map((part, i) =>
                  part.removed ? (
                    <del key={i} className="bg-danger-soft text-danger" aria-label={`削除：${part.value}`}>
                      {part.value}
                    </del>
                  ) : part.added ? (
                    <ins key={i} className="bg-ok-soft text-ok no-underline" aria-label={`追加：${part.value}`}>
                      {part.value}
                    </ins>
                  ) : (
                    <span key={i}>{part.value}</span>
                  ),
                )}
              </p>
            ) : null}
          </li>
        ))}
      </ol>
    </section>
  );
}
