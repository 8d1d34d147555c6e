import { createHash } from 'node:crypto';

/**
 * The one script a public page may run (docs/decisions/0009, addendum; 0040): the live page's
 * island. Plain JavaScript, no framework, inlined so that the page's Content-Security-Policy can
 * allow exactly this script by its hash and nothing else.
 *
 * Every POLL_MS it asks the page's own URL again with the ETag it last saw: Kiji's server answers
 * 304 from its page store while nothing changed (the fast path, and nginx's micro-cache in front
 * of it), so a reader who waits costs a few bytes. When the page changed, it reads the new page's
 * updates and offers them behind a button (「n件の新しい更新」): nothing moves under the reader's
 * eyes until they ask. An ended coverage stops polling and says so. Without the script, the page is
 * complete and its 「最新の情報に更新」 link reloads it.
 *
 * The markup it reads is LiveCoverage's (components/live/LiveCoverage.tsx): #live (data-latest,
 * data-state, data-version, data-poll), #live-status and #live-body (replaced whole), #live-list
 * (whose [data-update] items it counts) and #live-new (the button).
 */
export const LIVE_POLL_MS = 4_000;

const source = `(() => {
const start = () => {
  const root = document.getElementById('live');
  if (!root || root.dataset.state !== 'live' || !window.fetch || !window.DOMParser) return;
  const bar = document.getElementById('live-new');
  const button = bar && bar.querySelector('button');
  if (!document.getElementById('live-list') || !bar || !button) return;
  let etag = null;
  let fresh = null;
  const ids = (element) => new Set([...element.querySelectorAll('[data-update]')].map((item) => item.id));
  const show = () => {
    if (!fresh) return;
    const shown = ids(document.getElementById('live-list'));
    const count = [...ids(fresh.querySelector('#live-list'))].filter((id) => !shown.has(id)).length;
    const ended = fresh.dataset.state !== 'live';
    if (count === 0 && !ended) {
      // Edited or taken down: take the new list at once, it adds nothing to read.
      apply();
      return;
    }
    button.textContent = count > 0 ? count + '件の新しい更新' : 'ライブは終了しました（表示を更新）';
    bar.hidden = false;
  };
  const apply = () => {
    if (!fresh) return;
    for (const id of ['live-status', 'live-body']) {
      const now = document.getElementById(id);
      const next = fresh.querySelector('#' + id);
      if (now && next) now.replaceWith(document.importNode(next, true));
    }
    root.dataset.latest = fresh.dataset.latest || '';
    root.dataset.state = fresh.dataset.state || 'live';
    fresh = null;
    bar.hidden = true;
  };
  button.addEventListener('click', () => {
    apply();
    const first = document.querySelector('#live-list [data-update]');
    if (first) first.focus();
  });
  const poll = async () => {
    if (root.dataset.state !== 'live') return;
    if (!document.hidden) {
      try {
        const response = await fetch(root.dataset.poll, {
          cache: 'no-store',
          headers: etag ? { 'If-None-Match': etag } : {},
        });
        if (response.status === 200) {
          etag = response.headers.get('ETag');
          const page = new DOMParser().parseFromString(await response.text(), 'text/html');
          const next = page.getElementById('live');
          if (next && (next.dataset.latest !== root.dataset.latest || next.dataset.state !== root.dataset.state || next.dataset.version !== root.dataset.version)) {
            fresh = next;
            root.dataset.version = next.dataset.version || '';
            show();
          }
        }
      } catch (error) {
        // Offline for a moment: the next tick tries again.
      }
    }
    setTimeout(poll, ${LIVE_POLL_MS});
  };
  setTimeout(poll, ${LIVE_POLL_MS});
};
// The script stands inside the coverage it reads: it starts once the rest of the page is parsed.
if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
else start();
})();`;

export const LIVE_ISLAND_SOURCE = source;

/** The CSP source that allows the island and nothing else. */
export const LIVE_ISLAND_CSP_SOURCE = `'sha256-${createHash('sha256').update(source, 'utf8').digest('base64')}'`;

/** The attribute that marks the island's element: the server keeps this script, and only it. */
export const ISLAND_ATTRIBUTE = 'data-kiji-island';
