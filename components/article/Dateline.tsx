import { formatJapaneseDateTime, toTokyoIso } from '@/lib/format/dates';

/** Edits within this window of publication are part of publishing, not an update worth showing. */
const UPDATE_THRESHOLD_MS = 60 * 1000;

export function Dateline({
  publishedAt,
  updatedAt,
  place,
}: {
  publishedAt: string;
  updatedAt: string;
  place: string | null;
}) {
  const published = new Date(publishedAt);
  const updated = new Date(updatedAt);
  const showUpdate = updated.getTime() - published.getTime() > UPDATE_THRESHOLD_MS;
  return (
    <p className="flex flex-wrap gap-x-3 text-sm text-muted">
      <time dateTime={toTokyoIso(published)}>{formatJapaneseDateTime(published)}</time>
      {place ? <span>{place}</span> : null}
      {showUpdate ? (
        <span>
          更新 <time dateTime={toTokyoIso(updated)}>{formatJapaneseDateTime(updated)}</time>
        </span>
      ) : null}
    </p>
  );
}
