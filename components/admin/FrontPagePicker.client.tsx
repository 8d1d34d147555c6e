'use client';

import { useMemo, useState } from 'react';
import type { FrontPageCandidate } from '@/lib/editorial/front-page';
import { imageUrl, renditionFile } from '@/lib/media/renditions';

const POSITION_LABELS = ['トップニュース', '2番目', '3番目', '4番目', '5番目', '6番目'];

/**
 * The front page's order as a list the editor builds: find a story by its words, tell it apart from
 * another with the same title by its picture, date, category and number, add it, and move it up or
 * down with buttons (keyboard and pointer alike). The order is sent as slot0…slot5, as the form's
 * Server Action reads it; empty places fill with the newest stories on the site.
 */
export function FrontPagePicker({
  chosen: initial,
  candidates,
  slots,
}: {
  chosen: number[];
  candidates: FrontPageCandidate[];
  slots: number;
}) {
  const byId = useMemo(() => new Map(candidates.map((candidate) => [candidate.id, candidate])), [candidates]);
  const [chosen, setChosen] = useState<number[]>(initial.filter((id) => byId.has(id)));
  const [query, setQuery] = useState('');
  const words = query.normalize('NFKC').toLowerCase().split(/\s+/).filter(Boolean);
  const found = candidates.filter((candidate) => {
    const text = `${candidate.title} ${candidate.category} ${candidate.id}`.normalize('NFKC').toLowerCase();
    return words.every((word) => text.includes(word));
  });
  const move = (index: number, by: -1 | 1) =>
    setChosen((list) => {
      const next = [...list];
      const [item] = next.splice(index, 1);
      next.splice(index + by, 0, item!);
      return next;
    });
  const full = chosen.length >= slots;
  return (
    <div className="space-y-6">
      {Array.from({ length: slots }, (_, index) => (
        <input key={index} type="hidden" name={`slot${index}`} value={chosen[index] ?? ''} />
      ))}
      <section aria-labelledby="chosen-heading">
        <h2 id="chosen-heading" className="text-lg font-bold">
          並び（{chosen.length} / {slots}）
        </h2>
        {chosen.length === 0 ? (
          <p className="mt-2 text-sm text-muted">選んだ記事はありません。新しい記事から順に並びます。</p>
        ) : (
          <ol className="mt-2 space-y-2" aria-label="トップページの並び">
            {chosen.map((id, index) => {
              const story = byId.get(id)!;
              return (
                <li key={id} className="flex flex-wrap items-center gap-2 rounded border border-rule p-2">
                  <span className="w-28 shrink-0 text-sm font-bold">{POSITION_LABELS[index]}</span>
                  <Story story={story} />
                  <span className="ml-auto flex gap-1">
                    <button
                      type="button"
                      className="rounded border border-rule px-2 py-1 text-sm disabled:opacity-40"
                      disabled={index === 0}
                      onClick={() => move(index, -1)}
                      aria-label={`「${story.title}」を上へ`}
                    >
                      上へ
                    </button>
                    <button
                      type="button"
                      className="rounded border border-rule px-2 py-1 text-sm disabled:opacity-40"
                      disabled={index === chosen.length - 1}
                      onClick={() => move(index, 1)}
                      aria-label={`「${story.title}」を下へ`}
                    >
                      下へ
                    </button>
                    <button
                      type="button"
                      className="rounded border border-danger px-2 py-1 text-sm text-danger"
                      onClick={() => setChosen((list) => list.filter((other) => other !== id))}
                      aria-label={`「${story.title}」を外す`}
                    >
                      外す
                    </button>
                  </span>
                </li>
              );
            })}
          </ol>
        )}
      </section>
      <section aria-labelledby="candidates-heading">
        <h2 id="candidates-heading" className="text-lg font-bold">
          公開中の記事から選ぶ
        </h2>
        <label htmlFor="front-page-search" className="mt-2 block text-sm font-bold">
          見出し・カテゴリ・記事番号で探す
        </label>
        <input
          id="front-page-search"
          type="search"
          value={query}
          onChange={(event) => setQuery(event.target.value)}
          className="mt-1 w-full max-w-md rounded border border-rule bg-paper px-2 py-2"
        />
        <ul className="mt-3 space-y-2" aria-label="候補の記事">
          {found.map((story) => {
            const taken = chosen.includes(story.id);
            return (
              <li key={story.id} className="flex flex-wrap items-center gap-2 rounded border border-rule p-2">
                <Story story={story} />
                <button
                  type="button"
                  className="ml-auto rounded border border-accent px-2 py-1 text-sm text-accent disabled:opacity-40"
                  disabled={taken || full}
                  onClick={() => setChosen((list) => [...list, story.id])}
                  aria-label={`「${story.title}」（記事 ${story.id}）を並びに加える`}
                >
                  {taken ? '並びにあります' : '加える'}
                </button>
              </li>
            );
          })}
        </ul>
        {found.length === 0 ? <p className="mt-2 text-sm text-muted">見つかりません</p> : null}
      </section>
    </div>
  );
}

const dateTime = new Intl.DateTimeFormat('ja-JP', {
  timeZone: 'Asia/Tokyo',
  year: 'numeric',
  month: 'long',
  day: 'numeric',
  hour: 'numeric',
  minute: '2-digit',
});

function Story({ story }: { story: FrontPageCandidate }) {
  return (
    <span className="flex min-w-0 items-center gap-2">
      {story.imageId ? (
        // eslint-disable-next-line @next/next/no-img-element -- a thumbnail of the stored rendition
        <img
          src={imageUrl(story.imageId, renditionFile(480, 'webp'))}
          alt=""
          width={64}
          height={48}
          loading="lazy"
          className="h-12 w-16 shrink-0 rounded object-cover"
        />
      ) : (
        <span className="h-12 w-16 shrink-0 rounded bg-note" aria-hidden="true" />
      )}
      <span className="min-w-0">
        <span className="block font-bold">{story.title}</span>
        <span className="block text-xs text-muted">
          {dateTime.format(new Date(story.publishedAt))}・{story.category}・記事 {story.id}
        </span>
      </span>
    </span>
  );
}
