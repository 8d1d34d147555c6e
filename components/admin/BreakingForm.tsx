import { BREAKING_DURATIONS, type Breaking } from '@/lib/editorial/breaking';
import { clearBreakingAction, setBreakingAction } from '@/app/admin/_actions/live';
import { formatJapaneseDateTime } from '@/lib/format/dates';

const DURATION_LABELS: Record<number, string> = {
  15: '15分',
  30: '30分',
  60: '1時間',
  180: '3時間',
  360: '6時間',
  720: '12時間',
  1440: '24時間',
};

/** The 速報 banner's controls, for a published article or live page (lib/editorial/breaking.ts). */
export function BreakingForm({
  slug,
  title,
  back,
  current,
}: {
  slug: string;
  title: string;
  back: string;
  current: (Breaking & { slug: string }) | null;
}) {
  return (
    <section aria-labelledby="breaking-heading" className="mt-6 rounded border border-danger p-4">
      <h2 id="breaking-heading" className="text-lg font-bold">
        速報バナー
      </h2>
      {current ? (
        <form action={clearBreakingAction} className="mt-2 text-sm">
          <p>
            掲示中：「{current.text}」（{formatJapaneseDateTime(new Date(current.until))}まで）
          </p>
          <input type="hidden" name="back" value={back} />
          <button type="submit" className="mt-2 rounded border border-rule px-3 py-1">
            速報バナーを取り下げる
          </button>
        </form>
      ) : null}
      <form action={setBreakingAction} className="mt-3 grid gap-2 text-sm sm:grid-cols-[1fr_auto_auto] sm:items-end">
        <input type="hidden" name="slug" value={slug} />
        <input type="hidden" name="back" value={back} />
        <label className="block">
          速報の文
          <input
            name="text"
            required
            maxLength={80}
            defaultValue={title}
            className="mt-1 w-full rounded border border-rule bg-paper px-2 py-1"
          />
        </label>
        <label className="block">
          掲示する時間
          <select name="minutes" defaultValue="60" className="mt-1 block rounded border border-rule bg-paper px-2 py-1">
            {BREAKING_DURATIONS.map((minutes) => (
              <option key={minutes} value={minutes}>
                {DURATION_LABELS[minutes]}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className="rounded bg-danger px-3 py-1 font-bold text-paper">
          全ページに速報を出す
        </button>
      </form>
    </section>
  );
}
