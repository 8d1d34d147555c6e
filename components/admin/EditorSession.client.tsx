'use client';

import { useEffect, useRef, useState } from 'react';
import type { ArticleFormValues } from '@/lib/articles/input';
import { routes } from '@/lib/routes/registry';
import { EDITOR_REQUEST_HEADER } from '@/lib/routes/editor-requests';

/** How long typing rests before the form is copied to the server… */
const AUTOSAVE_AFTER_MS = 2_000;
/** …and how long it may go on without a copy: continuous typing is saved at least this often. */
const AUTOSAVE_AT_LEAST_EVERY_MS = 10_000;
/** The heartbeat: another editor who opens the article is shown within this (issue #27: 5 s). */
const PRESENCE_EVERY_MS = 4_000;

const post = (url: string, body: unknown, keepalive = false) =>
  fetch(url, {
    method: 'POST',
    keepalive,
    headers: { 'Content-Type': 'application/json', [EDITOR_REQUEST_HEADER]: '1' },
    body: JSON.stringify(body),
  });

const clock = (iso: string) =>
  new Date(iso).toLocaleTimeString('ja-JP', { timeZone: 'Asia/Tokyo', hour: '2-digit', minute: '2-digit' });

/**
 * The form's copy on the server: sent a moment after typing stops and whenever the tab is hidden
 * (closing it, switching away, a phone locking), so little is lost to a crash. Says when it last
 * saved, politely (not as the page's status, which reports real saves).
 */
export function useAutosave({
  autosaveKey,
  baseVersion,
  values,
  dirty,
  paused,
}: {
  autosaveKey: string;
  baseVersion: number | undefined;
  values: ArticleFormValues;
  dirty: boolean;
  /** True while the form is being saved: a copy sent then could land after the save discarded the last one. */
  paused?: { readonly current: boolean };
}) {
  const [savedAt, setSavedAt] = useState<string | null>(null);
  const latest = useRef({ key: autosaveKey, baseVersion: baseVersion ?? null, values, dirty });
  useEffect(() => {
    latest.current = { key: autosaveKey, baseVersion: baseVersion ?? null, values, dirty };
  });
  const body = () => ({
    key: latest.current.key,
    baseVersion: latest.current.baseVersion,
    values: latest.current.values,
  });
  // When the oldest change not yet copied was made: typing never rests long enough for the
  // debounce on its own, so the wait is cut short once this is AUTOSAVE_AT_LEAST_EVERY_MS old.
  const unsavedSince = useRef<number | null>(null);
  useEffect(() => {
    if (!dirty) {
      unsavedSince.current = null;
      return;
    }
    unsavedSince.current ??= Date.now();
    const payload = { key: autosaveKey, baseVersion: baseVersion ?? null, values };
    const wait = Math.min(
      AUTOSAVE_AFTER_MS,
      Math.max(0, unsavedSince.current + AUTOSAVE_AT_LEAST_EVERY_MS - Date.now()),
    );
    const timer = setTimeout(() => {
      if (paused?.current) return;
      unsavedSince.current = null;
      void post(routes.autosave.href(), payload)
        .then((response) => (response.ok ? response.json() : null))
        .then((result: { savedAt?: string } | null) => result?.savedAt && setSavedAt(result.savedAt))
        .catch(() => {});
    }, wait);
    return () => clearTimeout(timer);
  }, [values, dirty, autosaveKey, baseVersion, paused]);
  useEffect(() => {
    const flush = () => {
      if (document.visibilityState === 'hidden' && latest.current.dirty && !paused?.current) {
        void post(routes.autosave.href(), body(), true).catch(() => {});
      }
    };
    document.addEventListener('visibilitychange', flush);
    return () => document.removeEventListener('visibilitychange', flush);
  }, [paused]);
  return savedAt;
}

/** The copy left from last time, offered back: restoring fills the form, and nothing is saved until the editor saves. */
export function AutosaveOffer({
  autosaveKey,
  savedAt,
  onRestore,
}: {
  autosaveKey: string;
  savedAt: string;
  onRestore: () => void;
}) {
  const [open, setOpen] = useState(true);
  if (!open) return null;
  return (
    <section
      aria-labelledby="autosave-offer-heading"
      className="mb-4 rounded border border-caution bg-paper p-3 text-sm"
      data-testid="autosave-offer"
    >
      <h2 id="autosave-offer-heading" className="font-bold">
        保存していない編集が残っています（{new Date(savedAt).toLocaleString('ja-JP', { timeZone: 'Asia/Tokyo' })}）
      </h2>
      <p>前回この画面を閉じたときの内容です。復元しても、保存するまで記事は変わりません。</p>
      <div className="mt-2 flex gap-3">
        <button
          type="button"
          className="rounded border border-ink px-3 py-1 font-bold"
          onClick={() => {
            onRestore();
            setOpen(false);
          }}
        >
          残っている編集を復元する
        </button>
        <button
          type="button"
          className="rounded border border-rule px-3 py-1"
          onClick={() => {
            void post(routes.autosave.href(), { key: autosaveKey, discard: true }).catch(() => {});
            setOpen(false);
          }}
        >
          破棄する
        </button>
      </div>
    </section>
  );
}

/** Who else has this article open, refreshed by a heartbeat; the other editors see this one too. */
export function PresenceNotice({ articleId }: { articleId: number }) {
  const [others, setOthers] = useState<{ name: string; since: string }[]>([]);
  useEffect(() => {
    const beat = () =>
      post(routes.presence.href(), { articleId })
        .then((response) => (response.ok ? response.json() : { others: [] }))
        .then((result: { others: { name: string; since: string }[] }) => setOthers(result.others))
        .catch(() => {});
    void beat();
    const timer = setInterval(beat, PRESENCE_EVERY_MS);
    const leave = () => void post(routes.presence.href(), { articleId, gone: true }, true).catch(() => {});
    window.addEventListener('pagehide', leave);
    return () => {
      clearInterval(timer);
      window.removeEventListener('pagehide', leave);
      leave();
    };
  }, [articleId]);
  if (others.length === 0) return null;
  return (
    <p className="mb-4 rounded border border-caution p-3 text-sm font-bold" data-testid="presence">
      {others.map((other) => `${other.name}さんが${clock(other.since)}から`).join('、')}
      この記事を開いています。同時に保存すると、後の保存は止められます。
    </p>
  );
}
